// End to end: a planted bug only a process reboot exposes (fixtures/bug-sequence-reset-on-reboot:
// a sensor's in-memory sequence numbers restart at 0 in its new incarnation, and the collector
// drops the new readings as resends). Attrition finds it and the replay reproduces it; without
// attrition it never shows; the fixed copy passes every seed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedAt } from '../../src/internal.js';
import {
  REPO_ROOT, countsOf, parseFailures, replayArguments, runCli, transcript, type ReportedFailure,
} from './planted-bugs.test-support.js';

const BUGGY = join(REPO_ROOT, 'fixtures', 'bug-sequence-reset-on-reboot');
const FIXED = join(REPO_ROOT, 'fixtures', 'bug-sequence-reset-on-reboot-fixed');
const SEEDS_MAX = 200;
const FIRST_SEEDS = new Set(Array.from({ length: SEEDS_MAX }, (_, index) => seedAt(0, index)));
const INVARIANT = 'invariant "confirmed readings are applied"';
const REBOOT_COVERAGE = '"a rebooted sensor sends readings again"';

/** What must be identical between the run that found a failure and its replay. */
function identity(failure: ReportedFailure) {
  const { headline, caseId, seed, kind, message, fix, drew, options, reboots, simTimeMs, eventIndex } = failure;
  return { headline, caseId, seed, kind, message, fix, drew, options, reboots, simTimeMs, eventIndex };
}

test(`bug-sequence-reset-on-reboot: found within ${SEEDS_MAX} seeds, named, and replayed exactly`, { timeout: 60_000 }, async () => {
  const run = await runCli(['--seeds', String(SEEDS_MAX), '--workers', '1', '--bail', '--reporter', 'plain', '--verbose'], BUGGY);
  assert.equal(run.code, 1, `the run must fail with exit code 1\n${transcript(run)}`);
  const [found, ...others] = parseFailures(run.stdout);
  assert.ok(found !== undefined && others.length === 0, `expected one failure paragraph (--bail)\n${transcript(run)}`);
  assert.equal(found.kind, 'invariant', transcript(run));
  assert.ok(found.where.startsWith(INVARIANT), `the failure must name ${INVARIANT}\n${transcript(run)}`);
  // The reading that was lost belongs to a later life of its sensor than the one the collector
  // kept under the same seq: the reboot is in the message itself.
  assert.match(found.message, /of sensor 10\.0\.0\.\d+:\d+, incarnation [1-9]\d*, was confirmed as delivered but the collector never applied it; it applied value \d+ of incarnation \d+ under that seq/);
  assert.ok(Number.isInteger(found.eventIndex) && Number.isFinite(found.simTimeMs), `the headline gives event and sim time: ${found.headline}`);
  assert.ok(FIRST_SEEDS.has(found.seed), `seed ${found.seed} is not among the first ${SEEDS_MAX} seeds of base seed 0`);
  // The block lists the seed's reboots; --verbose's options line has the attrition it ran.
  assert.match(found.reboots, /\b(crash|graceful) 10\.0\.0\.\d+:\d+ at [\d.]+ ms/);
  assert.match(found.options, / attrition=deadMax 1 kinds graceful:1 crash:2 intervalMs 200\.\.1000 downMs 50\.\.500 scope process roles sensor$/);
  assert.equal(found.replay, `npx moonpool-test bug-sequence-reset-on-reboot --layout 1x2 --seed ${found.seed}`, 'the topology\'s own attrition needs no flag');
  const counts = countsOf(run.stdout);
  assert.ok(counts !== undefined && counts.failed === 1 && counts.passed < SEEDS_MAX, `counts line\n${transcript(run)}`);

  const replay = await runCli([...replayArguments(found.replay), '--verbose'], BUGGY);
  assert.equal(replay.code, 1, `the replay must fail again\n${transcript(replay)}`);
  const replayed = parseFailures(replay.stdout);
  assert.equal(replayed.length, 1, `the replay runs one seed and fails it\n${transcript(replay)}`);
  assert.deepEqual(identity(replayed[0]), identity(found), 'the replay reproduces the same failure at the same event and time');
  assert.deepEqual(countsOf(replay.stdout), { passed: 0, failed: 1 }, transcript(replay));
});

test('bug-sequence-reset-on-reboot: without attrition no sensor reboots and 300 seeds pass', { timeout: 60_000 }, async () => {
  const run = await runCli(['--seeds', '300', '--workers', '2', '--attrition', 'off', '--reporter', 'plain'], BUGGY);
  assert.equal(run.code, 0, `every seed must pass\n${transcript(run)}`);
  assert.deepEqual(countsOf(run.stdout), { passed: 300, failed: 0 }, transcript(run));
  assert.ok(run.stdout.includes(`never satisfied: ${REBOOT_COVERAGE}`), `no sensor was rebooted\n${transcript(run)}`);
});

test('bug-sequence-reset-on-reboot-fixed: 1,000 seeds with reboots pass', { timeout: 60_000 }, async () => {
  const run = await runCli(['--seeds', '1000', '--workers', '2', '--reporter', 'plain'], FIXED);
  assert.equal(run.code, 0, `every seed must pass\n${transcript(run)}`);
  assert.deepEqual(countsOf(run.stdout), { passed: 1000, failed: 0 }, transcript(run));
  // Sensors were rebooted and resent readings were recognized: the fix was exercised.
  assert.match(run.stdout, /^coverage: 3 of 3 assertion sites satisfied$/m, transcript(run));
  assert.ok(!run.stdout.includes(REBOOT_COVERAGE), transcript(run));
});
