import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, junitFailures, runCli } from './cli.test-support.js';

const cwd = fixtureDir('planted-bug-simple');
const out = mkdtempSync(join(tmpdir(), 'moonpool-shard-'));
after(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, extra: string[]) {
  const file = join(out, `${name}.xml`);
  const result = await runCli(['--seeds', '7', '--workers', '1', '--reporter', 'junit', '--output-file', file, ...extra], { cwd });
  return { ...result, counts: countsOf(result.stdout), failing: junitFailures(file).map((f) => f.name) };
}

test('--shard 1/2 and 2/2 together run exactly the seeds of the unsharded run', async () => {
  const whole = await run('whole', []);
  const first = await run('first', ['--shard', '1/2']);
  const second = await run('second', ['--shard', '2/2']);
  assert.deepEqual(first.counts.passed + second.counts.passed, whole.counts.passed);
  assert.deepEqual(first.counts.failed + second.counts.failed, whole.counts.failed);
  assert.deepEqual([...first.failing, ...second.failing].sort(), [...whole.failing].sort());
  assert.equal(first.failing.filter((name) => second.failing.includes(name)).length, 0, 'no seed runs in both shards');
  assert.equal(first.counts.passed + first.counts.failed, 4);
  assert.equal(second.counts.passed + second.counts.failed, 3);
});

test('a shard that holds none of the seeds says so and exits 0', async () => {
  const empty = await runCli(['--seeds', '2', '--workers', '1', '--shard', '5/8'], { cwd });
  assert.equal(empty.code, 0, empty.stdout + empty.stderr);
  assert.match(empty.stdout, /shard 5\/8 holds none of this run's seeds \(fewer seeds per layout than shards\): nothing to run here\./);
  assert.deepEqual(countsOf(empty.stdout), { passed: 0, failed: 0 });
  assert.doesNotMatch(empty.stdout, /✓/, 'no case claims to have passed');
});
