// What the nondeterminism guard covers, end to end on the built CLI: every virtualized API
// replays identically in two separate processes and is rejected with its call site under
// --guard reject; real asynchronous work fails the seed the same way on every run; a real
// timer a seed leaves behind is blamed on that seed whatever the worker count.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, runCli } from './cli.test-support.js';

const API_COUNT = 26;

/** What each seed of each API got, as the fixture recorded it, sorted (workers interleave). */
async function valuesOfOneProcess(dir: string, name: string): Promise<string[]> {
  const out = join(dir, name);
  const run = await runCli(['--seeds', '2', '--workers', '2'], { cwd: fixtureDir('guard-coverage'), env: { GUARD_FIXTURE_OUT: out } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(countsOf(run.stdout), { passed: API_COUNT * 2, failed: 0 });
  return readFileSync(out, 'utf8').trim().split('\n').sort();
}

test('every virtualized API gives the same values to the same seed in two separate processes, and other values to other seeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonpool-guard-'));
  try {
    const first = await valuesOfOneProcess(dir, 'first.jsonl');
    const second = await valuesOfOneProcess(dir, 'second.jsonl');
    assert.equal(first.length, API_COUNT * 2);
    assert.deepEqual(second, first);
    const byApi = new Map<string, string[]>();
    for (const line of first) {
      const { api, values } = JSON.parse(line) as { api: string; values: unknown[] };
      byApi.set(api, [...(byApi.get(api) ?? []), JSON.stringify(values)]);
    }
    assert.equal(byApi.size, API_COUNT);
    for (const api of ['Math.random', 'crypto.randomFillSync', 'crypto.randomUUID', 'globalThis.crypto.randomUUID', 'crypto.randomBytes', 'crypto.randomInt', 'crypto.getRandomValues', 'globalThis.crypto.getRandomValues']) {
      const [a, b] = byApi.get(api) as string[];
      assert.notEqual(a, b, `${api}: two seeds drew the same values`);
    }
    // Clocks read simulated time: 2025-01-01 plus a few milliseconds, never the real date.
    for (const line of first) assert.doesNotMatch(line, new RegExp(String(new Date().getUTCFullYear() + 1)));
    assert.match(byApi.get('Intl.DateTimeFormat')?.[0] ?? '', /1 January 2025/);
    assert.match(byApi.get('Date()')?.[0] ?? '', /Wed Jan 01 2025/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--guard reject fails every one of those APIs with its call site and the fix', async () => {
  const run = await runCli(['--seeds', '1', '--workers', '2', '--guard', 'reject'], { cwd: fixtureDir('guard-coverage') });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.deepEqual(countsOf(run.stdout), { passed: 0, failed: API_COUNT });
  const sites = new Set(run.stdout.match(/called at fixtures\/guard-coverage\/workloads\/guarded-apis\.ts:\d+:\d+ during a simulation: it is nondeterministic\n {4}fix: (Inject|Pass the date)/g));
  assert.equal(sites.size, API_COUNT, `each API's failure names its own call site:\n${run.stdout}`);
  for (const api of ['Math.random()', 'Date()', 'new Date()', 'process.hrtime()', 'process.hrtime.bigint()', 'process.uptime()', 'performance.timeOrigin', 'performance.mark()', 'performance.measure()', 'Intl.DateTimeFormat format()', 'setTimeout', 'setInterval', 'setImmediate', 'timers/promises.setTimeout()', 'timers/promises.setInterval()', 'crypto.randomFillSync()', 'crypto.randomUUID()', 'crypto.randomBytes()', 'crypto.randomInt()', 'crypto.getRandomValues()']) {
    assert.ok(run.stdout.includes(`${api} called at fixtures/guard-coverage/`), `${api} is rejected with its call site`);
  }
});

const REAL_WORK: [way: string, expected: RegExp][] = [
  ['fs.promises.readFile', /fs\.promises\.readFile\(\) called at fixtures\/real-work\/workloads\/real-io\.ts:\d+:\d+ during a simulation: it starts real asynchronous work[\s\S]*?\n {4}fix: .*Inject StorageProvider/],
  ['fs.readFile', /fs\.readFile\(\) called at fixtures\/real-work\/workloads\/real-io\.ts:\d+:\d+[\s\S]*?\n {4}fix: .*Inject StorageProvider/],
  ['net.connect', /net\.connect\(\) called at fixtures\/real-work\/workloads\/real-io\.ts:\d+:\d+[\s\S]*?\n {4}fix: .*Inject NetworkProvider/],
  ['dns.lookup', /dns\.promises\.lookup\(\) called at fixtures\/real-work\/workloads\/real-io\.ts:\d+:\d+[\s\S]*?\n {4}fix: .*addresses the topology gives/],
  ['child_process.exec', /child_process\.exec\(\) called at fixtures\/real-work\/workloads\/real-io\.ts:\d+:\d+[\s\S]*?\n {4}fix: .*outside the simulation/],
  ['import()', /dynamic import\("\.\.\/lazy\/dynamic-target\.ts"\) in file:.*real-io\.ts during a seed.*static import/],
  ['import() of a loaded module', /dynamic import\("\.\/real-io\.ts"\) in file:.*real-io\.ts during a seed.*static import/],
  ['captured setTimeout', /real asynchronous work started during the seed, found after event #\d+ \(task client#0\.run\) \(1 Timeout\)/],
];

for (const [way, expected] of REAL_WORK) {
  test(`real asynchronous work (${way}) fails every seed with the same reason, never a deadlock or a pass`, async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      runs.push(await runCli(['real-io', '--seeds', '8', '--workers', '2'], { cwd: fixtureDir('real-work'), env: { REAL_WORK_FIXTURE: way } }));
    }
    for (const run of runs) {
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.deepEqual(countsOf(run.stdout), { passed: 0, failed: 8 });
      assert.equal(run.stdout.match(/failed \(nondeterminism\)/g)?.length, 8, run.stdout);
      assert.match(run.stdout, expected);
      assert.doesNotMatch(run.stdout, /deadlock/);
    }
  });
}

test('a real timer a seed leaves behind fails that seed, the same seeds with 1 and 2 workers, and its replay fails the same way', async () => {
  const cwd = fixtureDir('real-work');
  const failing = async (workers: string) => {
    const run = await runCli(['planted-timer', '--seeds', '30', '--workers', workers], { cwd });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /planted by an earlier seed|crash/, 'no other seed is blamed');
    return [...run.stdout.matchAll(/planted-timer\[1\] seed (\d+) failed \(nondeterminism\)/g)].map((m) => Number(m[1])).sort();
  };
  const one = await failing('1');
  const two = await failing('2');
  assert.ok(one.length >= 3 && one.length <= 20, `about 30% of seeds plant a timer: ${one.length}`);
  assert.deepEqual(two, one);
  const replay = await runCli(['planted-timer', '--layout', '1', '--seed', String(one[0])], { cwd });
  assert.equal(replay.code, 1, replay.stdout + replay.stderr);
  assert.match(replay.stdout, /real asynchronous work started during the seed, found after event #3 \(task planter#0\.run\) \(1 Timeout\)/);
});
