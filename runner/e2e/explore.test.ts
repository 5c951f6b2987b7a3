// --strategy explore and --recipe through the built CLI, on fixtures/maze (a bug behind fifteen
// rare choices in a row) and the six planted-bug fixtures.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { countsOf, parseFailures, REPO_ROOT, replayArguments, runCli, transcript } from './planted-bugs.test-support.js';

const MAZE = join(REPO_ROOT, 'fixtures', 'maze');

/** `maze[1] 41 timelines (15 seeds, 26 split), …` or `bug-x[1x2] 3 seeds, …`: how many ran. */
function ranOf(stdout: string, caseId: string): number {
  for (const line of stdout.split('\n')) {
    const match = /^[✗✓] (\S+) (\d+) (?:timelines?|seeds?)[ ,]/.exec(line);
    if (match !== null && match[1] === caseId) return Number(match[2]);
  }
  throw new Error(`no case line for ${caseId} in:\n${stdout}`);
}

test('explore solves the maze that as many random seeds do not, and the printed recipe replays the failing timeline at the same event and simulated time', async () => {
  const explored = await runCli(['--strategy', 'explore:300', '--workers', '2', '--bail'], MAZE);
  assert.equal(explored.code, 1, transcript(explored));
  const [failure] = parseFailures(explored.stdout);
  assert.ok(failure?.recipe !== undefined, `a child timeline failed: ${transcript(explored)}`);
  assert.equal(failure.kind, 'assertion');
  assert.equal(failure.message, "the maze is never solved");
  assert.match(failure.replay, new RegExp(`^npx moonpool-test maze --layout 1 --recipe ${failure.recipe}$`));
  assert.match(explored.stdout, /^✗ maze\[1\] \d+ timelines \(\d+ seeds, \d+ split\), 1 failed/m);

  const replayed = await runCli([...replayArguments(failure.replay), '--reporter', 'plain'], MAZE);
  assert.equal(replayed.code, 1, transcript(replayed));
  const [again] = parseFailures(replayed.stdout);
  assert.deepEqual(
    [again?.recipe, again?.kind, again?.eventIndex, again?.simTimeMs, again?.message],
    [failure.recipe, failure.kind, failure.eventIndex, failure.simTimeMs, failure.message],
    'the replay fails at the same event and simulated time, the same way',
  );
  assert.deepEqual(countsOf(replayed.stdout), { passed: 0, failed: 1 });

  const seeds = await runCli(['--strategy', 'fixed:300', '--workers', '2'], MAZE);
  assert.equal(seeds.code, 0, transcript(seeds));
  assert.deepEqual(countsOf(seeds.stdout), { passed: 300, failed: 0 });
  // Every reporter line shows the buckets of the maze's gates.
  assert.match(seeds.stdout, /^ {2}sometimes-each "a gate opened": \d+ buckets, \d+ satisfied$/m);
});

test('shards explore from their own seeds with their share of the budget; --recipe refuses what it cannot mean', async () => {
  const [first, second] = await Promise.all(['1/2', '2/2'].map((shard) => runCli(['--strategy', 'explore:40', '--shard', shard, '--workers', '1'], MAZE)));
  for (const run of [first, second]) {
    assert.equal(ranOf(run.stdout, 'maze[1]'), 20, transcript(run));
  }
  for (const [args, why] of [
    [['--recipe', '12@5'], /--recipe: recipe "12@5": "@5" is not one split "@EVENT\/SEED"/],
    [['--recipe', '12@5/7', '--seed', '12'], /--recipe replays exactly one simulated timeline, its seed included: drop --seed/],
    [['--recipe', '12@5/7', '--strategy', 'explore:10'], /drop --strategy/],
  ] as const) {
    const run = await runCli([...args], MAZE);
    assert.equal(run.code, 2, transcript(run));
    assert.match(run.stderr, why);
  }
});

test('the six planted bugs: explore finds each no later than fixed with the same budget', async () => {
  const fixtures = ['bug-lost-response-on-reconnect', 'bug-ack-before-replication', 'bug-retry-applied-twice', 'bug-timeout-race', 'bug-correlation-mixup', 'bug-split-brain'];
  for (const fixture of fixtures) {
    const cwd = join(REPO_ROOT, 'fixtures', fixture);
    const layout = fixture === 'bug-split-brain' ? ['--layout', '3x1'] : [];
    const [fixed, explored] = await Promise.all(
      ['fixed:200', 'explore:200'].map((strategy) => runCli(['--strategy', strategy, '--bail', '--workers', '1', ...layout], cwd)),
    );
    assert.equal(fixed.code, 1, transcript(fixed));
    assert.equal(explored.code, 1, transcript(explored));
    const caseId = parseFailures(fixed.stdout)[0].caseId;
    assert.ok(ranOf(explored.stdout, caseId) <= ranOf(fixed.stdout, caseId), `${fixture}: explore needed ${ranOf(explored.stdout, caseId)} timelines, fixed ${ranOf(fixed.stdout, caseId)} seeds`);
  }
});
