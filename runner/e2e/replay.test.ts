import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, junitFailures, runCli } from './cli.test-support.js';

const cwd = fixtureDir('planted-bug-simple');
const out = mkdtempSync(join(tmpdir(), 'moonpool-replay-'));
after(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, args: string[]) {
  const file = join(out, `${name}.xml`);
  const result = await runCli([...args, '--reporter', 'junit', '--output-file', file], { cwd });
  return { ...result, failures: junitFailures(file) };
}

test('the same failures with --workers 1 and --workers 2, and each printed replay command reproduces its failure exactly', async () => {
  const one = await run('one', ['--seeds', '4', '--workers', '1']);
  const two = await run('two', ['--seeds', '4', '--workers', '2']);
  assert.equal(one.code, 1);
  assert.equal(two.code, 1);
  assert.ok(one.failures.length > 0, 'the planted bug fails some seeds');
  assert.deepEqual(two.failures, one.failures);
  assert.deepEqual(countsOf(two.stdout), countsOf(one.stdout));

  const failure = one.failures[0];
  const seed = /seed (\d+)$/.exec(failure.name)![1];
  const command = new RegExp(`replay: (npx moonpool-test counter --layout 2 --seed ${seed})\\n`).exec(one.stdout);
  assert.ok(command, `the replay command of seed ${seed} is printed`);
  const replay = await run('replay', command[1].split(' ').slice(2));
  assert.equal(replay.code, 1);
  assert.deepEqual(countsOf(replay.stdout), { passed: 0, failed: 1 });
  assert.deepEqual(replay.failures, [failure], 'same seed, same event index and time, same message');
  assert.match(failure.message, /^lost update: counter is \d+, expected \d+$/, "the failure's message is the assertion's own");
  assert.match(failure.headline, new RegExp(`^counter\\[2\\] seed ${seed} failed \\(assertion\\), in workloads/counter\\.ts:\\d+:\\d+, at [\\d.]+ ms simulated, event #\\d+$`));
});
