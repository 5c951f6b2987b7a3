import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fixtureDir } from '../runner.test-support.js';
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
