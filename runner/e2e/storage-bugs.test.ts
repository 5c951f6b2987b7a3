// End to end: planted bugs only a lying disk shows, that is a crash (power loss) applying the
// simulated disk's crash model: unsynced sectors kept, lost or torn, unsynced directory changes
// undone. fixtures/bug-rename-without-dir-sync (an atomic file replacement whose rename is never
// made durable), fixtures/bug-torn-log-replay (a log replayed without checksums) and
// fixtures/bug-vote-in-memory (a Raft vote written but never synced). For each: attrition finds
// it and the replay reproduces it exactly; without attrition it never shows; the fixed copy
// passes every seed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedAt } from '../../src/internal.js';
import {
  REPO_ROOT, countsOf, parseFailures, replayArguments, runCli, transcript, type ReportedFailure,
} from './planted-bugs.test-support.js';

const SEEDS_MAX = 200;
const FIRST_SEEDS = new Set(Array.from({ length: SEEDS_MAX }, (_, index) => seedAt(0, index)));

interface StorageBug {
  fixture: string;
  /** The --layout of its one case. */
  layout: string;
  invariant: string;
  /** What the failure message must say beyond the invariant's name. */
  says: RegExp;
  /** The end of --verbose's `options:` line: the storage preset ... the topology's own attrition. */
  options: RegExp;
  /** A sometimes-assertion only a restarted process satisfies. */
  rebootCoverage: string;
  /** Sometimes/reachable sites in the fixed copy, every one satisfied over 1,000 seeds. */
  sites: number;
}

const BUGS: StorageBug[] = [
  {
    fixture: 'bug-rename-without-dir-sync',
    layout: '1x1',
    invariant: 'acknowledged config survives a crash',
    // The acknowledged version came back older (or missing) in a later life of the server.
    says: /^config server 10\.0\.0\.1:\d+ acknowledged version (\d+) as stored in incarnation (\d+), but incarnation (\d+) loaded (version \d+|no config at all) from its disk/,
    options: / storage\.preset=perfect .* attrition=deadMax 1 kinds graceful:1 crash:3 intervalMs 40\.\.150 downMs 5\.\.40 scope process roles config-server$/,
    rebootCoverage: '"a restarted config server loaded its config"',
    sites: 2,
  },
  {
    fixture: 'bug-torn-log-replay',
    layout: '1x2',
    invariant: 'replay applies only entries that were sent',
    says: /^journal 10\.0\.0\.1:\d+, incarnation [1-9]\d*, replayed record \d+ of its log as the entry ".*" \(\d+ characters(, \d+ of them not printable, shown as ·)?\), which no producer ever sent/,
    options: / storage\.preset=default .* attrition=deadMax 1 kinds graceful:1 crash:3 intervalMs 20\.\.80 downMs 5\.\.30 scope process roles journal$/,
    rebootCoverage: '"a restarted journal replayed entries"',
    sites: 3,
  },
  {
    fixture: 'bug-vote-in-memory',
    layout: '3',
    invariant: 'at most one leader per term',
    // Two leaders of one term, and the node that voted for both, in two of its lives.
    says: /^10\.0\.0\.\d:\d+ \(incarnation \d+\) and 10\.0\.0\.\d:\d+ \(incarnation \d+\) were both leader in term \d+; node 10\.0\.0\.\d:\d+ voted for 10\.0\.0\.\d:\d+ in incarnation (\d+) and for 10\.0\.0\.\d:\d+ in incarnation (?!\1\b)\d+/,
    options: / storage\.preset=perfect .* attrition=deadMax 1 kinds graceful:1 crash:3 intervalMs 10\.\.40 downMs 5\.\.40 scope process$/,
    rebootCoverage: '"a restarted node loaded its term"',
    sites: 2,
  },
];

/** What must be identical between the run that found a failure and its replay. */
function identity(failure: ReportedFailure) {
  const { headline, caseId, seed, kind, message, fix, drew, options, reboots, simTimeMs, eventIndex } = failure;
  return { headline, caseId, seed, kind, message, fix, drew, options, reboots, simTimeMs, eventIndex };
}

for (const bug of BUGS) {
  const buggy = join(REPO_ROOT, 'fixtures', bug.fixture);
  const fixed = join(REPO_ROOT, 'fixtures', `${bug.fixture}-fixed`);

  test(`${bug.fixture}: found within ${SEEDS_MAX} seeds, named, and replayed exactly`, { timeout: 120_000 }, async () => {
    const run = await runCli(['--seeds', String(SEEDS_MAX), '--workers', '1', '--bail', '--reporter', 'plain', '--verbose'], buggy);
    assert.equal(run.code, 1, `the run must fail with exit code 1\n${transcript(run)}`);
    const [found, ...others] = parseFailures(run.stdout);
    assert.ok(found !== undefined && others.length === 0, `expected one failure paragraph (--bail)\n${transcript(run)}`);
    assert.equal(found.kind, 'invariant', transcript(run));
    assert.ok(found.where.startsWith(`invariant "${bug.invariant}"`), `the failure must name invariant "${bug.invariant}"\n${transcript(run)}`);
    assert.match(found.message, bug.says, transcript(run));
    assert.ok(Number.isInteger(found.eventIndex) && Number.isFinite(found.simTimeMs), `the headline gives event and sim time: ${found.headline}`);
    assert.ok(FIRST_SEEDS.has(found.seed), `seed ${found.seed} is not among the first ${SEEDS_MAX} seeds of base seed 0`);
    assert.match(found.options, bug.options, 'the seed ran the topology\'s storage preset and attrition');
    assert.match(found.drew, /^drew (nothing )?beyond network \w+, storage \w+/, 'a disk was used: its preset is named');
    // The seed crashed a process before it failed: a crash applies the disk's crash model (a
    // graceful stop keeps everything).
    const crashes = [...found.reboots.matchAll(/\bcrash 10\.0\.0\.\d:\d+ at ([\d.]+) ms/g)].map((m) => Number(m[1]));
    assert.ok(crashes.some((ms) => ms < found.simTimeMs), `a crash came before the failure\n${transcript(run)}`);
    assert.equal(found.replay, `npx moonpool-test ${bug.fixture} --layout ${bug.layout} --seed ${found.seed}`, 'the topology\'s own attrition and storage need no flag');
    const counts = countsOf(run.stdout);
    assert.ok(counts !== undefined && counts.failed === 1 && counts.passed < SEEDS_MAX, `counts line\n${transcript(run)}`);

    const replay = await runCli([...replayArguments(found.replay), '--verbose'], buggy);
    assert.equal(replay.code, 1, `the replay must fail again\n${transcript(replay)}`);
    const replayed = parseFailures(replay.stdout);
    assert.equal(replayed.length, 1, `the replay runs one seed and fails it\n${transcript(replay)}`);
    assert.deepEqual(identity(replayed[0]), identity(found), 'the replay reproduces the same failure at the same event and time');
    assert.deepEqual(countsOf(replay.stdout), { passed: 0, failed: 1 }, transcript(replay));
  });

  test(`${bug.fixture}: without attrition nothing crashes and 300 seeds pass`, { timeout: 120_000 }, async () => {
    const run = await runCli(['--seeds', '300', '--workers', '2', '--attrition', 'off', '--reporter', 'plain'], buggy);
    assert.equal(run.code, 0, `every seed must pass\n${transcript(run)}`);
    assert.deepEqual(countsOf(run.stdout), { passed: 300, failed: 0 }, transcript(run));
    assert.ok(run.stdout.includes(`never satisfied: ${bug.rebootCoverage}`), `no process was restarted\n${transcript(run)}`);
  });

  test(`${bug.fixture}-fixed: 1,000 seeds with crashes pass`, { timeout: 120_000 }, async () => {
    const run = await runCli(['--seeds', '1000', '--workers', '2', '--reporter', 'plain'], fixed);
    assert.equal(run.code, 0, `every seed must pass\n${transcript(run)}`);
    assert.deepEqual(countsOf(run.stdout), { passed: 1000, failed: 0 }, transcript(run));
    // Processes were restarted and loaded what they stored: the fix was exercised.
    assert.match(run.stdout, new RegExp(`^coverage: ${bug.sites} of ${bug.sites} assertion sites satisfied$`, 'm'), transcript(run));
  });
}
