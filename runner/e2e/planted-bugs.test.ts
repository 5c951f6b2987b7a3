// End to end: the runner finds each planted bug of fixtures/bug-* within a bounded number of
// seeds, names it, and its printed replay command reproduces the same failure exactly.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedAt } from '../../src/internal.js';
import {
  REPO_ROOT, countsOf, parseFailures, replayArguments, runCli, transcript, type ReportedFailure,
} from './planted-bugs.test-support.js';

/** Every planted bug must show within the first SEEDS_MAX seeds of the default base seed. */
const SEEDS_MAX = 50;
const BASE_SEED = 0;
const FIRST_SEEDS = new Set(Array.from({ length: SEEDS_MAX }, (_, index) => seedAt(BASE_SEED, index)));

interface PlantedBug {
  fixture: string;
  kind: 'invariant' | 'assertion';
  /** The invariant name or assertion text the failure must name. */
  names: string;
}

const PLANTED_BUGS: PlantedBug[] = [
  { fixture: 'bug-lost-response-on-reconnect', kind: 'invariant', names: 'invariant "acknowledged entries are committed"' },
  { fixture: 'bug-ack-before-replication', kind: 'invariant', names: 'invariant "no acknowledged write lost"' },
  { fixture: 'bug-retry-applied-twice', kind: 'invariant', names: 'invariant "each deposit applied at most once"' },
  { fixture: 'bug-timeout-race', kind: 'invariant', names: 'invariant "at most one lease holder"' },
  { fixture: 'bug-correlation-mixup', kind: 'assertion', names: 'the reply went to the wrong request' },
  { fixture: 'bug-split-brain', kind: 'invariant', names: 'invariant "at most one leader per term"' },
  { fixture: 'bug-http-order-resubmit', kind: 'invariant', names: 'invariant "each purchase placed at most once"' },
];

/** What must be identical between the run that found a failure and its replay. */
function identity(failure: ReportedFailure) {
  const { headline, caseId, seed, kind, message, fix, drew, simTimeMs, eventIndex } = failure;
  return { headline, caseId, seed, kind, message, fix, drew, simTimeMs, eventIndex };
}

for (const bug of PLANTED_BUGS) {
  test(`${bug.fixture}: found within ${SEEDS_MAX} seeds, named, and replayed exactly`, { timeout: 150_000 }, async () => {
    const cwd = join(REPO_ROOT, 'fixtures', bug.fixture);
    const run = await runCli(['--seeds', String(SEEDS_MAX), '--workers', '1', '--bail', '--reporter', 'plain'], cwd);
    assert.equal(run.code, 1, `the run must fail with exit code 1\n${transcript(run)}`);
    const [found, ...others] = parseFailures(run.stdout);
    assert.ok(found !== undefined && others.length === 0, `expected one failure paragraph (--bail)\n${transcript(run)}`);
    assert.equal(found.kind, bug.kind, transcript(run));
    assert.ok(`${found.where}\n${found.message}`.includes(bug.names), `the failure must name ${bug.names}\n${transcript(run)}`);
    assert.ok(Number.isInteger(found.eventIndex) && Number.isFinite(found.simTimeMs), `the headline gives event and sim time: ${found.headline}`);
    assert.ok(found.message.length > 0 && found.fix.length > 0, `the block gives the message and the fix\n${transcript(run)}`);
    assert.match(found.drew, /^drew (nothing )?beyond network \w+/, 'the block says what the seed drew beyond its presets');
    // Said once in the block; the timeline entries (what happened, as --trace prints it) aside.
    const block = run.stdout.slice(run.stdout.indexOf(found.headline)).split('\n\n')[0];
    const told = block.split('\n').filter((line) => !/^ {6} *[\d.]+ ms  #\d+ /.test(line)).join('\n');
    assert.equal(told.match(/replay/gi)?.length, 1, `one replay command, no other mention of replaying:\n${block}`);
    assert.equal(told.split(found.message).length - 1, 1, `the message is said once:\n${block}`);
    assert.ok(FIRST_SEEDS.has(found.seed), `seed ${found.seed} is not among the first ${SEEDS_MAX} seeds of base seed ${BASE_SEED}`);
    const counts = countsOf(run.stdout);
    assert.ok(counts !== undefined && counts.failed === 1 && counts.passed < SEEDS_MAX, `counts line\n${transcript(run)}`);

    const replay = await runCli(replayArguments(found.replay), cwd);
    assert.equal(replay.code, 1, `the replay must fail again\n${transcript(replay)}`);
    const replayed = parseFailures(replay.stdout);
    assert.equal(replayed.length, 1, `the replay runs one seed and fails it\n${transcript(replay)}`);
    assert.deepEqual(identity(replayed[0]), identity(found), 'the replay reproduces the same failure at the same event and time');
    assert.deepEqual(countsOf(replay.stdout), { passed: 0, failed: 1 }, transcript(replay));
  });
}
