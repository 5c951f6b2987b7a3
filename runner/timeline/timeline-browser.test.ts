// The HTML timeline in a real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is ever downloaded). Opened from file:// as a user would, with
// every console message, page error and request recorded. Screenshots go to a temporary folder
// the test prints (or to MOONPOOL_TIMELINE_SCREENSHOTS).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runSimulation, type Timeline, type TimelineEntry } from '../../src/internal.js';
import { TIMELINE_VIEW_ENTRIES_MAX } from './timeline-bound.js';
import { timelineHtml } from './timeline-html.js';
import { FAILURE_MESSAGE, HOSTILE_STRINGS, hostileTimeline, syntheticTimeline } from './timeline.test-support.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent, so the HTML timeline's browser test is skipped: install Chromium to run it (Debian or Ubuntu: sudo apt-get install -y --no-install-recommends chromium)`;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Summary {
  lanes: string[];
  entries: number;
  shown: number;
  dropped: number;
  axis: string;
  scale: number;
  contentWidthPx: number;
  scrollLeft: number;
  selectedSeq: number | null;
  failure: { lane: string; seq: number | null } | null;
  frames: number;
  lastDrawMs: number;
  markersDrawn: number;
}

/** The page's globals the polled predicates read. */
interface PageGlobals {
  moonpoolTimeline?: { summary(): Summary };
  document: { getElementById(id: string): { textContent: string | null } | null };
}

/** An opened page and everything it did that a self-contained page must not. */
interface Opened {
  page: Page;
  url: string;
  problems: string[];
}

const fmtInt = (value: number) => value.toLocaleString('en-US');
/** What the page's search looks through for a bare word. */
const haystack = (e: TimelineEntry) =>
  [e.process, e.kind, e.peer ?? '', e.text, Object.entries(e.fields ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' '), `#${e.seq}`].join(' ').toLowerCase();

describe('the HTML timeline in headless Chromium', { skip: SKIP, timeout: 240_000 }, () => {
  let work: string;
  let shots: string;
  let context: BrowserContext;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'moonpool-timeline-'));
    shots = process.env.MOONPOOL_TIMELINE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'moonpool-timeline-screenshots-'));
    mkdirSync(shots, { recursive: true });
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
  });
  after(async () => {
    await context?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function open(timeline: Timeline, name: string, edit: (html: string) => string = (html) => html): Promise<Opened> {
    const file = join(work, `${name}.html`);
    writeFileSync(file, edit(timelineHtml(timeline)));
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== url) problems.push(`request: ${request.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(url);
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).moonpoolTimeline?.summary().frames ?? 0) > 0);
    return { page, url, problems };
  }
  // This project compiles without DOM types: what runs in the page reads it through PageGlobals,
  // or is an expression (evaluated by the debugger, so the page's CSP allows it; a polled
  // waitForFunction predicate must be a function, as the CSP forbids eval).
  const summary = (page: Page) => page.evaluate<Summary>('window.moonpoolTimeline.summary()');
  /** Waits until a frame newer than `frames` has been drawn. */
  const drawnAfter = (page: Page, frames: number) => page.waitForFunction((seen) => (globalThis as unknown as PageGlobals).moonpoolTimeline!.summary().frames > seen, frames);
  const pwned = (page: Page) => page.evaluate<unknown>('window.__pwned');
  const searchFor = async (page: Page, query: string, expectedCount: string) => {
    await page.fill('#search', query);
    await page.waitForFunction((text) => (globalThis as unknown as PageGlobals).document.getElementById('match-count')!.textContent === text, expectedCount);
  };
  async function screenshot(t: TestContext, page: Page, name: string): Promise<void> {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path });
    const png = readFileSync(path);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length > 20_000, `${path} shows something (${png.length} bytes)`);
    t.diagnostic(`screenshot: ${path}`);
  }

  test('a failing seed: one lane per process, the failure marked with its message and state, search, zoom and details', async (t) => {
    const timeline = syntheticTimeline({ entries: 3_000 });
    const { page, problems } = await open(timeline, 'failing-seed');
    const n = timeline.entries.length;

    const laneIds = await page.evaluate<string[]>("Array.from(document.querySelectorAll('#labels .lane'), (lane) => lane.dataset.process)");
    assert.deepEqual(laneIds, ['server#1', 'server#2', 'server#3', 'client#4', 'client#5', 'sim']);
    assert.deepEqual((await summary(page)).lanes, laneIds);
    assert.equal(await page.textContent('#match-count'), `${fmtInt(n)} entries`);

    assert.ok(await page.isVisible('#failure-banner'));
    assert.equal(await page.textContent('#failure-message'), FAILURE_MESSAGE);
    assert.equal(await page.textContent('#failure-state'), JSON.stringify(timeline.failure!.state, null, 2));
    assert.ok(await page.isVisible('#failure-marker'), 'the failure marker shows in the whole-timeline view');
    const marker = (await page.locator('#failure-marker').boundingBox())!;
    const plot = (await page.locator('#plot').boundingBox())!;
    const lane = (await page.locator('#labels .lane[data-process="server#2"]').boundingBox())!;
    assert.ok(marker.x >= plot.x && marker.x + marker.width <= plot.x + plot.width, 'the marker is inside the plot, not scrolled away');
    assert.ok(marker.y >= lane.y && marker.y + marker.height <= lane.y + lane.height, 'the marker sits in the failing process lane');
    await screenshot(t, page, 'failing-seed-whole');

    const users = timeline.entries.filter((e) => e.kind === 'user').length;
    await searchFor(page, 'kind:user', `${fmtInt(users)} of ${fmtInt(n)} shown`);
    assert.equal((await summary(page)).shown, users);
    const kinds = await page.locator('#list-rows .row:not([hidden]) .kind').allTextContents();
    assert.ok(kinds.length > 5 && kinds.every((kind) => kind === 'user'), `the list shows only user entries: ${kinds.join(',')}`);
    const serverSends = timeline.entries.filter((e) => e.kind === 'send' && !e.process.includes('client')).length;
    await searchFor(page, 'kind:send -process:client', `${fmtInt(serverSends)} of ${fmtInt(n)} shown`);
    const partition = timeline.entries.filter((e) => haystack(e).includes('partition')).length;
    await searchFor(page, 'PARTITION', `${fmtInt(partition)} of ${fmtInt(n)} shown`);
    assert.ok(partition > 3 && partition < n / 10);
    await searchFor(page, '', `${fmtInt(n)} entries`);

    const whole = await summary(page);
    await page.click('#zoom-in');
    await drawnAfter(page, whole.frames);
    const zoomed = await summary(page);
    assert.ok(Math.abs(zoomed.scale / whole.scale - 2) < 1e-9, `+ doubles the scale (${whole.scale} → ${zoomed.scale})`);
    assert.ok(zoomed.contentWidthPx > whole.contentWidthPx * 1.8);
    const canvas = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await page.waitForFunction((least) => (globalThis as unknown as PageGlobals).moonpoolTimeline!.summary().scale > least, zoomed.scale * 1.5);
    const wheeled = await summary(page);
    await page.click('#zoom-out');
    assert.ok((await summary(page)).scale < wheeled.scale);
    await page.click('#zoom-fit');
    assert.equal((await summary(page)).scale, whole.scale);

    await page.click('#goto-failure');
    const focused = await summary(page);
    assert.ok(focused.scale > whole.scale * 10, 'going to the failure zooms in on it');
    assert.equal(focused.selectedSeq, n - 1);
    assert.ok(await page.isVisible('#failure-marker'));
    assert.match((await page.textContent('#entry-details'))!, /invariant 'linearizable' failed/);
    // A click on a drawn entry shows its fields: the last delivered message before the failure.
    const deliver = timeline.entries.findLast((e) => e.kind === 'deliver')!;
    const at = await page.evaluate<{ x: number; y: number } | null>(`window.moonpoolTimeline.locate(${deliver.seq})`);
    assert.ok(at, 'the last delivery is in view near the failure');
    await page.mouse.click(at.x, at.y);
    assert.equal((await summary(page)).selectedSeq, deliver.seq);
    const details = (await page.textContent('#entry-details'))!;
    for (const piece of [deliver.text, `correlationId${deliver.fields!.correlationId}`, 'sent']) assert.ok(details.includes(piece), `the details show ${piece}: ${details}`);
    await drawnAfter(page, focused.frames);
    await screenshot(t, page, 'failing-seed-at-failure');

    await page.click('#list-rows .row:not([hidden])');
    const picked = (await summary(page)).selectedSeq!;
    assert.ok((await page.textContent('#entry-details'))!.includes(timeline.entries[picked].text));
    await page.selectOption('#axis-mode', 'order');
    assert.equal((await summary(page)).axis, 'order');
    assert.ok(await page.isVisible('#failure-marker'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('20,000 entries: the DOM stays small and zooming redraws only what is in view', async (t) => {
    const timeline = syntheticTimeline({ entries: 20_000, seed: 3 });
    const started = performance.now();
    const { page, problems } = await open(timeline, 'twenty-thousand');
    const openMs = performance.now() - started;
    const elements = await page.evaluate<number>("document.getElementsByTagName('*').length");
    assert.ok(elements < 600, `a virtual list and canvas drawing keep the DOM small: ${elements} elements`);
    const draws: number[] = [];
    for (const button of ['#zoom-in', '#zoom-in', '#zoom-in', '#zoom-out', '#zoom-fit', '#goto-failure']) {
      const before = (await summary(page)).frames;
      await page.click(button);
      await drawnAfter(page, before);
      draws.push((await summary(page)).lastDrawMs);
    }
    await searchFor(page, 'kind:deliver', `${fmtInt(timeline.entries.filter((e) => e.kind === 'deliver').length)} of ${fmtInt(20_000)} shown`);
    // Reported, not asserted: timing never decides a test.
    t.diagnostic(`20,000 entries: written, opened and first drawn in ${openMs.toFixed(0)} ms; frames drawn in ${draws.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    await screenshot(t, page, 'twenty-thousand-at-failure');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('hostile strings in names, texts, fields, the failure and its state are shown as text and never run', async (t) => {
    const timeline = hostileTimeline();
    const { page, problems } = await open(timeline, 'hostile');
    assert.equal(await pwned(page), undefined);
    assert.equal(await page.locator('script').count(), 2);
    assert.equal(await page.locator('img, svg, iframe, object, embed, style').count(), 1, 'the one style element, nothing injected');
    assert.deepEqual(await page.locator('#labels .lane .lane-id').allTextContents(), timeline.processes.map((p) => p.id));
    assert.equal(await page.textContent('#failure-message'), HOSTILE_STRINGS.join('\n'));
    assert.equal(await page.title(), `moonpool timeline: ${timeline.caseId} seed ${timeline.seed} (failed)`);
    assert.equal(await page.textContent('#failure-state'), JSON.stringify(timeline.failure!.state, null, 2));
    await page.click('#goto-failure');
    await searchFor(page, 'onerror', `${fmtInt(timeline.entries.filter((e) => haystack(e).includes('onerror')).length)} of ${fmtInt(timeline.entries.length)} shown`);
    await page.click('#list-rows .row:not([hidden])');
    assert.match((await page.textContent('#entry-details'))!, /<img src=x onerror="window.__pwned = 'img'">/);
    assert.equal(await pwned(page), undefined);
    await screenshot(t, page, 'hostile');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a real failing seed, recorded by the simulator: every lane, the failure found and shown', async (t) => {
    const { SplitBrain } = await import('../../fixtures/bug-split-brain/workloads/topology.js');
    const report = await runSimulation({ topology: SplitBrain, seed: 1572180581, layouts: ['5x1'], timelineEntriesMax: TIMELINE_VIEW_ENTRIES_MAX });
    const timeline = report.results[0].timeline!;
    assert.equal(timeline.failure?.kind, 'invariant', 'the planted split brain breaks its invariant on this seed');
    const { page, problems } = await open(timeline, 'real-split-brain');
    assert.deepEqual((await summary(page)).lanes, [...timeline.processes.map((p) => p.id).filter((id) => id !== 'sim'), 'sim']);
    assert.equal(await page.textContent('#failure-message'), timeline.failure!.message);
    await page.click('#goto-failure');
    assert.ok(await page.isVisible('#failure-marker'));
    assert.equal((await summary(page)).selectedSeq, timeline.entries.at(-1)!.seq);
    const sends = timeline.entries.filter((e) => e.kind === 'send').length;
    await searchFor(page, 'kind:send', `${fmtInt(sends)} of ${fmtInt(timeline.entries.length)} shown`);
    await screenshot(t, page, 'real-split-brain');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the CSP is in force: markup smuggled into the page loads and runs nothing, and the test sees it try', async () => {
    const smuggled = '<img id="smuggled" src="http://127.0.0.1:9/x.png"><script>window.__pwned = "inline"</script><div id="styled" style="display: none">x</div>';
    const { page, problems } = await open(syntheticTimeline({ entries: 300 }), 'smuggled', (html) => html.replace('<body>', `<body>${smuggled}`));
    assert.equal(await pwned(page), undefined, 'an inline script without the hash does not run');
    assert.ok(await page.isVisible('#styled'), 'an inline style attribute is not applied');
    assert.equal(await page.evaluate<number>("document.getElementById('smuggled').naturalWidth"), 0);
    // Chromium reports the image's request, failed: so the other tests would see any fetch tried.
    assert.ok(problems.includes('request: http://127.0.0.1:9/x.png') && problems.includes('request failed: http://127.0.0.1:9/x.png'), problems.join('\n'));
    for (const directive of ['img-src', 'script-src', 'style-src']) {
      assert.ok(problems.some((p) => p.startsWith('console error: ') && p.includes(directive)), `a console error names ${directive}:\n${problems.join('\n')}`);
    }
    await page.close();
  });

  test('a passing seed with no entries, a timeline missing the sim lane, dropped entries, and a failure entry earlier than the last', async () => {
    const empty = await open({ caseId: 'idle[1]', seed: 2, processes: [{ id: 'node#1', host: '10.0.0.1' }], entries: [], dropped: 0 }, 'empty');
    assert.deepEqual((await summary(empty.page)).lanes, ['node#1', 'sim']);
    assert.ok(await empty.page.isVisible('#empty'));
    assert.ok(!(await empty.page.isVisible('#failure-banner')) && !(await empty.page.isVisible('#failure-marker')));
    assert.match((await empty.page.textContent('#failure-details'))!, /The seed passed/);
    assert.deepEqual(empty.problems, []);
    await empty.page.close();

    const base = syntheticTimeline({ entries: 500 });
    const trimmed = { ...base, processes: base.processes.filter((p) => p.id !== 'sim'), entries: base.entries.slice(120), dropped: 120 };
    const dropped = await open(trimmed, 'dropped');
    assert.equal((await summary(dropped.page)).lanes.at(-1), 'sim');
    assert.equal(await dropped.page.textContent('#notice'), `120 earlier entries were dropped: the timeline starts at entry 120.`);
    assert.deepEqual(dropped.problems, []);
    await dropped.page.close();

    // The recorder places the failure entry at the failure's own time, which may be before the
    // entries of its event: the page sorts the lanes again and draws the marker there.
    const entries = base.entries.map((e) => (e.kind === 'failure' ? { ...e, timeMs: 60 } : e));
    const early = await open({ ...base, entries, failure: { ...base.failure!, timeMs: 60 } }, 'early-failure');
    assert.ok(await early.page.isVisible('#failure-marker'));
    await early.page.click('#goto-failure');
    assert.equal((await summary(early.page)).selectedSeq, entries.at(-1)!.seq);
    const at = await early.page.evaluate<{ x: number; y: number } | null>(`window.moonpoolTimeline.locate(${entries.at(-1)!.seq})`);
    const marker = (await early.page.locator('#failure-marker').boundingBox())!;
    assert.ok(at && Math.abs(at.x - (marker.x + marker.width / 2)) < 1, 'the marker is where the failure entry is drawn');
    const frames = (await summary(early.page)).frames;
    await early.page.mouse.click(marker.x + marker.width / 2, marker.y + marker.height / 2);
    assert.equal((await summary(early.page)).selectedSeq, entries.at(-1)!.seq);
    await drawnAfter(early.page, frames);
    // Under the marker, the canvas draws the failure's red disc too (5 px right of its centre,
    // clear of the white cross), which it finds only in a lane sorted by time.
    await early.page.evaluate("document.getElementById('failure-marker').hidden = true");
    const spot = (await early.page.evaluate<{ x: number; y: number } | null>(`window.moonpoolTimeline.locate(${entries.at(-1)!.seq})`))!;
    const pixel = await early.page.evaluate<number[]>(
      `(() => { const c = document.getElementById('canvas'); const r = c.getBoundingClientRect(); const d = c.width / r.width; return Array.from(c.getContext('2d').getImageData(Math.round((${spot.x} + 5 - r.left) * d), Math.round((${spot.y} - r.top) * d), 1, 1).data); })()`,
    );
    assert.ok(pixel[0] > 180 && pixel[1] < 110 && pixel[2] < 110, `the failure is drawn red on the canvas: rgba(${pixel.join(', ')})`);
    assert.deepEqual(early.problems, []);
    await early.page.close();
  });
});
