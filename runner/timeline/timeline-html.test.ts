import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { Script } from 'node:vm';
import fc from 'fast-check';
import type { Timeline, TimelineEntry } from '../../src/internal.js';
import { scriptJson } from './script-json.js';
import { TIMELINE_VIEW_ENTRIES_MAX, TIMELINE_VIEW_TEXT_CHARS_MAX } from './timeline-bound.js';
import { timelineHtml, type TimelinePageData } from './timeline-html.js';
import { HOSTILE_STRINGS, hostileTimeline, syntheticTimeline } from './timeline.test-support.js';
import { VIEW_SCRIPT } from './view-script.js';

const DATA_ELEMENT = /<script type="application\/json" id="timeline-data">([\s\S]*?)<\/script>/;

function pageData(html: string): TimelinePageData {
  const match = DATA_ELEMENT.exec(html);
  assert.ok(match, 'the page has its #timeline-data element');
  return JSON.parse(match[1]) as TimelinePageData;
}

/** The page with its data element emptied: what the HTML parser reads as markup and code. */
function withoutData(html: string): string {
  return html.replace(DATA_ELEMENT, '<script type="application/json" id="timeline-data"></script>');
}

function occurrences(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
}

/** What breaks out of a script element or changes how the parser reads it. */
function assertDataCannotEscape(html: string): void {
  assert.equal(occurrences(html, /<\/script/i), 2, 'only the two script elements close');
  assert.equal(occurrences(html, /<script/i), 2, 'only the two script elements open');
  assert.equal(occurrences(html, /<!--/), 0);
  assert.equal(occurrences(html, /[\u2028\u2029]/), 0);
}

test('scriptJson escapes what an HTML parser or an old JavaScript parser reads specially, and parses back to the value', () => {
  for (const text of HOSTILE_STRINGS) {
    const json = scriptJson({ text });
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), { text });
  }
  assert.equal(scriptJson('</script><!--\u2028'), '"\\u003c/script\\u003e\\u003c!--\\u2028"');
  assert.throws(() => scriptJson(undefined), /scriptJson got a value JSON cannot write \(undefined\)/);
});

test('the page embeds the timeline exactly: its data round-trips through the HTML', () => {
  const timeline = syntheticTimeline({ entries: 2_000 });
  const html = timelineHtml(timeline);
  assert.deepEqual(pageData(html), { timeline, droppedByView: 0, entriesMax: TIMELINE_VIEW_ENTRIES_MAX });
  assert.equal(timelineHtml(timeline), html, 'the same timeline gives the same page, byte for byte');
});

test('hostile strings in process names, hosts, texts, fields, the case, the failure and its state stay data', () => {
  const timeline = hostileTimeline();
  const html = timelineHtml(timeline);
  assertDataCannotEscape(html);
  assert.deepEqual(pageData(html).timeline, timeline);
  const markup = withoutData(html);
  for (const hostile of HOSTILE_STRINGS.filter((s) => /[<>&"']/.test(s))) assert.ok(!markup.includes(hostile), `${JSON.stringify(hostile)} appears only as data`);
  assert.match(markup, /<title>moonpool timeline: &#60;\/script&#62;&#60;script&#62;window.__pwned = &#34;script-close&#34;&#60;\/script&#62; case seed 11 \(failed\)<\/title>/);
});

test('any string in any text field round-trips and never closes the script element (property)', () => {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: fc.constantFrom('<', '/', 's', 'c', 'r', 'i', 'p', 't', '!', '-', '>', 'S', '\u2028'), maxLength: 24 }));
  fc.assert(
    fc.property(text, text, text, text, (process, entryText, message, stateKey) => {
      const timeline: Timeline = {
        caseId: entryText,
        seed: 1,
        processes: [{ id: process, host: message }],
        entries: [{ seq: 0, timeMs: 0, eventIndex: 0, process, kind: 'user', text: entryText, fields: { [stateKey]: message } }],
        dropped: 0,
        failure: { kind: 'invariant', eventIndex: 0, timeMs: 0, message, where: process, state: { [stateKey]: [message, entryText] } },
      };
      const html = timelineHtml(timeline);
      assertDataCannotEscape(html);
      assert.deepEqual(pageData(html).timeline, JSON.parse(JSON.stringify(timeline)));
    }),
    { numRuns: 300 },
  );
});

test('the page loads nothing: no URL, resource reference or external element anywhere, and a CSP that forbids fetching', () => {
  const html = timelineHtml(syntheticTimeline({ entries: 3_000 }));
  for (const pattern of [/https?:/i, /\b(?:ftp|wss?|file|data|blob|javascript):/i, /\b(?:src|href|srcset|action|formaction|poster|background)\s*=/i, /url\s*\(/i, /@import/i, /<(?:link|iframe|img|object|embed|base|audio|video|source|form|frame)\b/i, /["'(=\s]\/\/[\w.-]/, /\bimport\s*\(/, /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|Worker)\b/]) {
    assert.doesNotMatch(html, pattern);
  }
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'the page has a CSP meta element');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the CSP comes before the style and script it governs');
  const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  for (const name of ['img-src', 'font-src', 'connect-src', 'object-src', 'base-uri', 'form-action']) assert.equal(directives.get(name), "'none'", name);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.equal(directives.get('style-src'), hash(style), 'the style is allowed by its hash alone');
  assert.equal(directives.get('script-src'), hash(script), 'the script is allowed by its hash alone');
});

test('the view script is valid JavaScript and never writes data as markup', () => {
  assert.doesNotThrow(() => new Script(VIEW_SCRIPT, { filename: 'view-script.js' }));
  assert.doesNotMatch(VIEW_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"](?:style|on)/);
  assert.doesNotMatch(VIEW_SCRIPT, /<\/script|<!--|`|\$\{/i, 'the script sits in a script element and a String.raw literal as written');
});

function bareEntries(count: number, textOf: (i: number) => string = (i) => `entry ${i}`): TimelineEntry[] {
  return Array.from({ length: count }, (_, i) => ({ seq: i, timeMs: i * 0.5, eventIndex: i, process: i % 2 ? 'a#1' : 'b#2', kind: 'user' as const, text: textOf(i) }));
}

test(`past ${TIMELINE_VIEW_ENTRIES_MAX} entries the page keeps the last ones and counts the dropped, with the recorder's own drops`, () => {
  const entries = bareEntries(TIMELINE_VIEW_ENTRIES_MAX + 1_234);
  const timeline: Timeline = { caseId: 'big[1]', seed: 5, processes: [{ id: 'a#1', host: '10.0.0.1' }, { id: 'b#2', host: '10.0.0.2' }], entries, dropped: 100 };
  const data = pageData(timelineHtml(timeline));
  assert.equal(data.droppedByView, 1_234);
  assert.equal(data.timeline.dropped, 1_334);
  assert.equal(data.timeline.entries.length, TIMELINE_VIEW_ENTRIES_MAX);
  assert.deepEqual(data.timeline.entries[0], entries[1_234]);
  assert.deepEqual(data.timeline.entries.at(-1), entries.at(-1));
});

test(`texts and string fields past ${TIMELINE_VIEW_TEXT_CHARS_MAX} characters are cut, saying how much`, () => {
  const long = 'x'.repeat(TIMELINE_VIEW_TEXT_CHARS_MAX + 500);
  const entries = bareEntries(3, (i) => (i === 1 ? long : 'short'));
  entries[2].fields = Object.fromEntries([['blob', long], ['__proto__', long], ['count', 3]]);
  const data = pageData(timelineHtml({ caseId: 'c', seed: 1, processes: [], entries, dropped: 0 }));
  const cut = `${'x'.repeat(TIMELINE_VIEW_TEXT_CHARS_MAX)}… (500 more characters)`;
  assert.equal(data.timeline.entries[1].text, cut);
  assert.equal(data.timeline.entries[0].text, 'short');
  assert.deepEqual(Object.entries(data.timeline.entries[2].fields!), [['blob', cut], ['__proto__', cut], ['count', 3]]);
});

test('a timeline that breaks the recorder\'s guarantees is a clear internal error naming the case, seed and entries', () => {
  const entries = bareEntries(3);
  entries[2].seq = 1;
  assert.throws(
    () => timelineHtml({ caseId: 'kv[2]', seed: 9, processes: [], entries, dropped: 0 }),
    /moonpool internal invariant broken: the timeline of kv\[2\] seed 9 has entry 1 after entry 1 \(seq must rise\)/,
  );
  entries[2] = { ...entries[2], seq: 2, timeMs: Number.NaN };
  assert.throws(() => timelineHtml({ caseId: 'kv[2]', seed: 9, processes: [], entries, dropped: 0 }), /has entry 2 at time NaN/);
  entries[2].timeMs = 0.25;
  assert.doesNotThrow(() => timelineHtml({ caseId: 'kv[2]', seed: 9, processes: [], entries, dropped: 0 }), 'a time going back (the failure entry at its own time) is drawn where it belongs');
});

test('the synthetic timeline has every kind the view draws, paired messages and lost ones, and ends with the failure', () => {
  const timeline = syntheticTimeline({ entries: 3_000 });
  const kinds = new Set(timeline.entries.map((e) => e.kind));
  for (const kind of ['connect', 'reset', 'send', 'deliver', 'fault', 'reboot', 'start', 'buggify', 'assert', 'state', 'task', 'user', 'failure'] as const) assert.ok(kinds.has(kind), kind);
  const sends = new Set(timeline.entries.filter((e) => e.kind === 'send').map((e) => e.messageId));
  const delivers = timeline.entries.filter((e) => e.kind === 'deliver');
  assert.ok(delivers.every((d) => sends.has(d.messageId)), 'every deliver has its send');
  assert.ok(sends.size > delivers.length, 'some sends were lost to the partitions and the reboot');
  assert.equal(timeline.entries.at(-1)!.kind, 'failure');
  assert.ok(timeline.entries.length >= 3_000 && timeline.entries.length < 3_050, `about 3,000 entries: ${timeline.entries.length}`);
});
