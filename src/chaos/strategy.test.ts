import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoverageHit } from './coverage.js';
import { CoverageTable } from './coverage-table.js';
import { plannedSeeds, strategyDecision, validateStrategy, DEFAULT_SEEDS_MIN, DEFAULT_TIME_BUDGET_SEEDS_MAX, type StrategySpec } from './strategy.js';
import { parseStrategy, StrategyError } from './strategy-parse.js';

const sometimes = (message: string, satisfied: number): CoverageHit => ({ message, kind: 'sometimes', reached: 1, satisfied });

function state(seedsDone: number, coverage = new CoverageTable(), seedsSinceNewCoverage = 0, elapsedMs = 0) {
  return { seedsDone, coverage, seedsSinceNewCoverage, elapsedMs };
}

test('fixed: stops after exactly its seed count', () => {
  const spec: StrategySpec = { kind: 'fixed', seeds: 100 };
  assert.equal(strategyDecision(spec, state(99)).stop, false);
  assert.deepEqual(strategyDecision(spec, state(100)), { stop: true, reason: 'ran 100 seeds' });
  assert.equal(plannedSeeds(spec), 100);
});

test('until-all-sometimes: stops once every sometimes/reachable site held (after the minimum), else at the maximum', () => {
  const spec: StrategySpec = { kind: 'until-all-sometimes', seedsMax: 1000, seedsMin: 20 };
  const coverage = new CoverageTable();
  coverage.add([sometimes('a', 1), sometimes('b', 0)]);
  assert.equal(strategyDecision(spec, state(30, coverage)).stop, false, 'b never held');
  assert.deepEqual(strategyDecision(spec, state(1000, coverage)), {
    stop: true,
    reason: 'ran 1000 seeds (the maximum); 1 of 2 sometimes/reachable sites still unsatisfied',
  });
  coverage.add([sometimes('b', 1), { message: 'r', kind: 'reachable', reached: 1, satisfied: 1 }]);
  assert.equal(strategyDecision(spec, state(19, coverage)).stop, false, 'below the minimum');
  assert.deepEqual(strategyDecision(spec, state(37, coverage)), { stop: true, reason: 'all 3 sometimes/reachable sites satisfied after 37 seeds' });
  const noMin: StrategySpec = { kind: 'until-all-sometimes', seedsMax: 5 };
  assert.equal(strategyDecision(noMin, state(5, coverage)).reason, 'all 3 sometimes/reachable sites satisfied after 5 seeds', 'the minimum is capped by the maximum');
  coverage.declare([{ message: 'never reached', kind: 'reachable', location: 'workloads/w.ts:9' }]);
  assert.equal(strategyDecision(spec, state(37, coverage)).stop, false, 'a declared site no seed reached keeps it going');
  assert.match(strategyDecision(spec, state(1000, coverage)).reason, /1 of 4 sometimes\/reachable sites still unsatisfied$/);
  assert.equal(strategyDecision({ kind: 'until-all-sometimes', seedsMax: 500 }, state(DEFAULT_SEEDS_MIN - 1, coverage)).stop, false);
  const none = strategyDecision({ kind: 'until-all-sometimes', seedsMax: 50 }, state(50));
  assert.deepEqual(none, { stop: true, reason: 'ran 50 seeds (the maximum); no sometimes/reachable sites were seen' });
  assert.equal(strategyDecision({ kind: 'until-all-sometimes', seedsMax: 50 }, state(49)).stop, false);
  assert.equal(plannedSeeds(spec), 1000);
});

test('time-budget: stops when the budget is spent (after at least one seed) or at the maximum', () => {
  const spec: StrategySpec = { kind: 'time-budget', budgetMs: 30_000, seedsMax: 500 };
  assert.equal(strategyDecision(spec, state(0, undefined, 0, 60_000)).stop, false, 'at least one seed runs');
  assert.equal(strategyDecision(spec, state(10, undefined, 0, 29_999)).stop, false);
  assert.deepEqual(strategyDecision(spec, state(10, undefined, 0, 30_000)), { stop: true, reason: 'time budget 30000 ms spent after 10 seeds' });
  assert.equal(strategyDecision(spec, state(500, undefined, 0, 10)).stop, true);
  assert.equal(plannedSeeds(spec), 500);
  assert.equal(plannedSeeds({ kind: 'time-budget', budgetMs: 1 }), DEFAULT_TIME_BUDGET_SEEDS_MAX);
});

test('plateau: stops when coverage has not grown for a window of seeds, or at the maximum', () => {
  const spec: StrategySpec = { kind: 'until-coverage-plateau', window: 50, seedsMax: 2000 };
  assert.equal(strategyDecision(spec, state(120, undefined, 49)).stop, false);
  assert.deepEqual(strategyDecision(spec, state(120, undefined, 50)), { stop: true, reason: 'coverage stopped growing for 50 seeds (after 120 seeds)' });
  assert.equal(strategyDecision(spec, state(2000, undefined, 3)).stop, true);
  assert.equal(plannedSeeds(spec), 2000);
});

test('parseStrategy reads every CLI form', () => {
  assert.deepEqual(parseStrategy('fixed:100'), { kind: 'fixed', seeds: 100 });
  assert.deepEqual(parseStrategy(' 25 '), { kind: 'fixed', seeds: 25 });
  assert.deepEqual(parseStrategy('until-all-sometimes:1000'), { kind: 'until-all-sometimes', seedsMax: 1000 });
  assert.deepEqual(parseStrategy('sometimes:20..1000'), { kind: 'until-all-sometimes', seedsMax: 1000, seedsMin: 20 });
  assert.deepEqual(parseStrategy('time:30s'), { kind: 'time-budget', budgetMs: 30_000 });
  assert.deepEqual(parseStrategy('time-budget:1.5m/5000'), { kind: 'time-budget', budgetMs: 90_000, seedsMax: 5000 });
  assert.deepEqual(parseStrategy('time:250ms'), { kind: 'time-budget', budgetMs: 250 });
  assert.deepEqual(parseStrategy('time:1h'), { kind: 'time-budget', budgetMs: 3_600_000 });
  assert.deepEqual(parseStrategy('plateau:50/2000'), { kind: 'until-coverage-plateau', window: 50, seedsMax: 2000 });
  assert.deepEqual(parseStrategy('until-coverage-plateau:5/10'), { kind: 'until-coverage-plateau', window: 5, seedsMax: 10 });
  assert.deepEqual(parseStrategy('explore:2000'), { kind: 'explore', timelines: 2000 });
  assert.equal(plannedSeeds(parseStrategy('explore:2000')), 2000);
});

test('parseStrategy errors say what is wrong and list the forms', () => {
  const cases: [string, RegExp][] = [
    ['', /no "name:" prefix/],
    ['forever', /no "name:" prefix/],
    ['random:5', /"random" is not a strategy name/],
    ['fixed:0', /the seed count "0" is not a positive integer/],
    ['fixed:-3', /the seed count "-3"/],
    ['fixed:1e3', /the seed count "1e3"/],
    ['until-all-sometimes:', /the maximum seed count ""/],
    ['sometimes:50..10', /the minimum 50 exceeds the maximum 10/],
    ['sometimes:1..2..3', /one "\.\."/],
    ['time:30', /the time budget "30" is not a positive duration with a unit/],
    ['time:0s', /not a positive duration/],
    ['time:30s/0', /the maximum seed count "0"/],
    ['time:30s/5/6', /at most one "\/"/],
    ['plateau:50', /a plateau needs a window and a maximum/],
    ['plateau:x/10', /the window "x"/],
    ['explore:0', /the timeline count "0" is not a positive integer/],
    ['explore:', /the timeline count ""/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => parseStrategy(text),
      (e: unknown) =>
        e instanceof StrategyError &&
        why.test(e.message) &&
        e.message.startsWith(`strategy ${JSON.stringify(text)}: `) &&
        ['fixed:100', 'until-all-sometimes:1000', 'time:30s', 'plateau:50/2000', 'explore:2000'].every((form) => e.message.includes(form)),
      text,
    );
  }
});

test('validateStrategy rejects specs from config files that are not positive integers', () => {
  assert.throws(() => validateStrategy({ kind: 'fixed', seeds: 0 }), /seeds must be a positive integer/);
  assert.throws(() => validateStrategy({ kind: 'until-all-sometimes', seedsMax: 10, seedsMin: 1.5 }), /seedsMin must be a positive integer/);
  assert.throws(() => validateStrategy({ kind: 'other' } as unknown as StrategySpec), /kind must be .*'fixed', 'until-all-sometimes'/);
  assert.throws(() => validateStrategy({ kind: 'explore', timelines: 0 }), /timelines must be a positive integer/);
  assert.throws(() => validateStrategy({ kind: 'time-budget', budgetMs: -1 }), /budgetMs must be a positive integer/);
  assert.deepEqual(validateStrategy({ kind: 'time-budget', budgetMs: 5 }), { kind: 'time-budget', budgetMs: 5 });
});
