// Explaining a failing seed on the built CLI: --trace, --trace-filter, --timeline, --shrink and
// its --only-faults replay, and the usage errors of those flags.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import type { JsonFailure, JsonReport } from '../reporters/json-report.js';
import { runCli } from './cli.test-support.js';

const SPLIT_BRAIN = ['bug-split-brain', '--layout', '5x1', '--seed', '1572180581', '--reporter', 'plain'];
const cwd = fixtureDir('bug-split-brain');

test('--trace prints the replayed seed\'s timeline, every kind of entry up to the failing event, then the failure', async () => {
  const run = await runCli([...SPLIT_BRAIN, '--trace'], { cwd });
  assert.equal(run.code, 1);
  const at = run.stdout.indexOf('timeline of bug-split-brain[5x1] seed 1572180581: ');
  assert.ok(at >= 0, run.stdout.slice(-2000));
  const lines = run.stdout.slice(at).trimEnd().split('\n');
  const entries = lines.slice(1, -1);
  assert.ok(entries.length > 1000);
  for (const text of ['connected 10.0.0.', 'send → node#', 'deliver ← node#', ' request id=', 'fault #', 'scripted isolate', 'task node#0.run started', 'set up, running', '.role: "candidate" → "leader"', 'reachable "a candidate won an election"']) {
    assert.ok(entries.some((line) => line.includes(text)), `an entry with ${text}`);
  }
  const last = entries.at(-1) as string;
  assert.match(last, /#2986 /, 'the last entry is at the failing event');
  assert.match(lines.at(-1) as string, /^failed at event #2986, 1578\.832 ms: invariant failure/);
});

test('--trace-filter keeps the entries matching every word', async () => {
  const run = await runCli([...SPLIT_BRAIN, '--trace-filter', 'kind:fault scripted'], { cwd });
  const lines = run.stdout.slice(run.stdout.indexOf('timeline of ')).trimEnd().split('\n');
  assert.match(lines[0], /: \d+ of \d+ entries matching "kind:fault scripted"$/);
  const entries = lines.slice(1, -1);
  assert.ok(entries.length >= 3);
  for (const line of entries) assert.match(line, /\bsim +fault #\d+ scripted isolate 10\.0\.0\.\d for \d+ ms$/);
});

test('--timeline writes one self-contained HTML file of the replayed seed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonpool-timeline-'));
  try {
    const file = join(dir, 'out', 'split.html');
    const run = await runCli([...SPLIT_BRAIN, '--timeline', file], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /timeline of bug-split-brain\[5x1\] seed 1572180581 \(\d+ entries\) written to .*split\.html/);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.ok(html.includes('bug-split-brain[5x1]') && html.includes('at most one leader per term'));
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']?https?:/i, 'nothing is fetched');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The one failure of a --reporter json run. */
async function jsonFailure(args: string[], dir: string, name: string): Promise<JsonFailure> {
  const file = join(dir, `${name}.json`);
  await runCli([...args, '--reporter', 'json', '--output-file', file], { cwd: fixtureDir('bug-ack-before-replication') });
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const failures = report.cases.flatMap((c) => c.failures);
  assert.equal(failures.length, 1, JSON.stringify(report.cases.map((c) => c.stopReason)));
  return failures[0];
}

test('--shrink keeps the fewest faults that fail the same way, and its --only-faults replay reproduces the shrunk run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonpool-shrink-'));
  try {
    const seed = ['bug-ack-before-replication', '--layout', '3x2', '--seed', '2462723854'];
    const failure = await jsonFailure([...seed, '--shrink'], dir, 'shrunk');
    const shrunk = failure.shrunk;
    assert.ok(shrunk !== undefined, 'the failure was shrunk');
    assert.ok(shrunk.faults.length < shrunk.faultsBefore, `${shrunk.faults.length} of ${shrunk.faultsBefore}`);
    assert.ok(shrunk.runs >= 2 && shrunk.runs <= 200);
    const only = /--only-faults (\S+)/.exec(shrunk.replay)?.[1];
    assert.ok(only !== undefined, shrunk.replay);
    assert.equal(shrunk.replay, `npx moonpool-test ${seed.join(' ')} --only-faults ${only}`);
    const replayed = await jsonFailure([...seed, '--only-faults', only], dir, 'replayed');
    assert.deepEqual([replayed.kind, replayed.where, replayed.eventIndex, replayed.simTimeMs], [failure.kind, failure.where, shrunk.eventIndex, shrunk.simTimeMs]);
    const injected = Object.values(replayed.faults).reduce((sum, n) => sum + n, 0);
    assert.equal(injected, shrunk.faults.length, 'the replay injects exactly the shrunk faults');
    assert.equal(replayed.replay, shrunk.replay, 'and says so in its own replay command');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the flags that explain one seed say what they need', async () => {
  const usage = async (args: string[], pattern: RegExp) => {
    const run = await runCli(args, { cwd });
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, pattern);
  };
  await usage(['--trace'], /--trace explains one seed: add --seed N/);
  await usage(['--timeline', 'x.html', '--trace-filter', 'x'], /--trace-filter and --timeline explain one seed/);
  await usage(['--seed', '1', '--timeline', 'x.txt'], /give a path ending in \.html/);
  await usage(['--seed', '1', '--only-faults', '3,x'], /--only-faults 3,x: expected fault ordinals/);
  await usage(['--shrink', '--real'], /--shrink needs a simulated run/);
  await usage(['--shrink-budget', '10'], /--shrink-budget sets the runs of --shrink: add --shrink/);
});
