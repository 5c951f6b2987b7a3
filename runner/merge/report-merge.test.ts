import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { JsonReport } from '../reporters/json-report.js';
import { runReport, shardInputs, type SeedSpec } from './merge.test-support.js';
import { ReportInputError, type ReportInput } from './report-file.js';
import { checkShards, mergeReports } from './report-merge.js';

const NOW = new Date('2026-03-04T05:06:07.000Z');

/** What a merged report and the unsharded run's must share: all but when, how long and on how many workers. */
function comparable(report: JsonReport) {
  const { createdAt: _createdAt, run, ...rest } = report;
  const { wallMs: _wallMs, workers: _workers, mergedFrom: _mergedFrom, ...runRest } = run;
  return { ...rest, run: runRest };
}

const SPECS: SeedSpec[] = Array.from({ length: 10 }, (_, i) => ({
  fails: i === 2 || i === 7,
  reaches: i === 4 ? ['common', 'rare'] : i % 2 === 0 ? ['common'] : [],
  partitions: i % 3,
}));

test('the merged shards equal the unsharded run: counts, seeds in order, failures, coverage sums, faults', () => {
  const whole = runReport(SPECS);
  for (const count of [1, 2, 3, 4, 10, 13]) {
    const merged = mergeReports(shardInputs(SPECS, count), { failOnUnsatisfied: false, createdAt: NOW });
    assert.deepEqual(comparable(merged), comparable(whole), `${count} shards`);
    assert.equal(merged.run.shard, null);
    assert.equal(merged.createdAt, NOW.toISOString());
    assert.equal(merged.run.workers, 2 * count, 'the workers of every shard');
    assert.equal(merged.run.wallMs, 100 * (count + 1), 'the longest shard');
    assert.deepEqual(merged.run.mergedFrom?.map((m) => [m.file, m.shard.index, m.shard.count]), Array.from({ length: count }, (_, i) => [`shard-${i + 1}.json`, i + 1, count]));
  }
  assert.deepEqual(whole.cases[0].failingSeeds, [1002, 1007]);
  assert.deepEqual(whole.totals.faults, { partition: 9 });
});

test('the order the files are given in does not matter', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), (count, salt) => {
      const inputs = shardInputs(SPECS, count);
      const shuffled = [...inputs].sort((a, b) => ((a.report.run.shard!.index * 7919 + salt) % 13) - ((b.report.run.shard!.index * 7919 + salt) % 13));
      checkShards(shuffled);
      assert.deepEqual(mergeReports(shuffled, { failOnUnsatisfied: false, createdAt: NOW }), mergeReports(inputs, { failOnUnsatisfied: false, createdAt: NOW }));
    }),
    { numRuns: 30, seed: 5 },
  );
});

test('a site reached in one shard only counts as reached: --fail-on-unsatisfied judges the union', () => {
  const passing = SPECS.map((s) => ({ ...s, fails: false }));
  const inputs = shardInputs(passing, 3);
  const rareIn = inputs.map((i) => i.report.coverage.sites.find((r) => r.message === 'rare')!.seedsSatisfied);
  assert.deepEqual(rareIn, [0, 1, 0], 'only shard 2 of 3 holds seed index 4, the one reaching "rare"');
  assert.ok(inputs.every((i, n) => n === 1 || !i.report.run.ok), 'shards 1 and 3 alone leave "rare" unsatisfied');
  const merged = mergeReports(inputs, { failOnUnsatisfied: true, createdAt: NOW });
  assert.deepEqual(merged.coverage.sites.find((r) => r.message === 'rare'), { kind: 'sometimes', message: 'rare', seedsReached: 1, seedsSatisfied: 1, timesReached: 1, timesSatisfied: 1, locations: ['workloads/kv.ts:20'] });
  assert.deepEqual(merged.coverage.unsatisfied, []);
  assert.equal(merged.run.ok, true);
  assert.equal(merged.run.failOnUnsatisfied, true);
  // Without the seed that reaches it, no shard satisfies it: the merged run fails with the flag, passes without.
  const never = shardInputs(passing.map((s) => ({ ...s, reaches: (s.reaches ?? []).filter((m) => m !== 'rare') })), 3);
  assert.equal(mergeReports(never, { failOnUnsatisfied: true, createdAt: NOW }).run.ok, false);
  assert.deepEqual(mergeReports(never, { failOnUnsatisfied: true, createdAt: NOW }).coverage.unsatisfied.map((r) => r.message), ['rare']);
  assert.equal(mergeReports(never, { failOnUnsatisfied: false, createdAt: NOW }).run.ok, true);
});

test('an interrupted shard makes the merged run interrupted and failed; its case is interrupted', () => {
  const inputs = shardInputs(SPECS.map((s) => ({ ...s, fails: false })), 3);
  const cut = structuredClone(inputs[1].report);
  cut.run.interrupted = true;
  cut.cases[0].state = 'interrupted';
  const merged = mergeReports([inputs[0], { file: 'shard-2.json', report: cut }, inputs[2]], { failOnUnsatisfied: false, createdAt: NOW });
  assert.equal(merged.run.interrupted, true);
  assert.equal(merged.run.ok, false);
  assert.equal(merged.cases[0].state, 'interrupted');
});

test('a shard holding none of a case\'s seeds leaves the case done; the stop reasons of every shard join when they differ', () => {
  const inputs = shardInputs(SPECS.slice(0, 2), 3);
  assert.deepEqual(inputs.map((i) => [i.report.cases[0].seedsPlanned, i.report.cases[0].state]), [[1, 'done'], [1, 'done'], [0, 'done']]);
  const emptyShard = structuredClone(inputs[2].report);
  emptyShard.cases[0].state = 'not-run';
  emptyShard.cases[0].stopReason = null;
  const merged = mergeReports([inputs[0], inputs[1], { file: 'shard-3.json', report: emptyShard }], { failOnUnsatisfied: false, createdAt: NOW });
  assert.equal(merged.cases[0].state, 'done');
  assert.equal(merged.cases[0].stopReason, 'ran 2 seeds');
  const other = structuredClone(inputs[1].report);
  other.cases[0].stopReason = 'all 2 sometimes/reachable sites satisfied after 1 seed (shard 2/3: 1 seed here)';
  const joined = mergeReports([inputs[0], { file: 'shard-2.json', report: other }, inputs[2]], { failOnUnsatisfied: false, createdAt: NOW });
  assert.equal(joined.cases[0].stopReason, 'ran 2 seeds (shard 1/3: 1 seed here); all 2 sometimes/reachable sites satisfied after 1 seed (shard 2/3: 1 seed here); ran 2 seeds (shard 3/3: 0 seeds here)');
});

function refusal(inputs: ReportInput[]): string {
  try {
    checkShards(inputs);
  } catch (error) {
    assert.ok(error instanceof ReportInputError, String(error));
    return error.message;
  }
  return assert.fail('checkShards accepted reports that are not the shards of one run');
}

test('reports that are not every shard of one run are refused with the files and the fix', () => {
  const shards = shardInputs(SPECS, 3);
  const whole: ReportInput = { file: 'whole.json', report: runReport(SPECS) };
  checkShards([whole]);
  checkShards(shardInputs(SPECS, 1));
  checkShards(shards);
  assert.match(refusal([]), /no report files given/);
  assert.match(refusal([whole, ...shards]), /^whole\.json: is a whole run \(written without --shard\), which already holds every seed of its run; merging it with other reports would count seeds twice/);
  const merged: ReportInput = { file: 'merged.json', report: mergeReports(shards, { failOnUnsatisfied: false, createdAt: NOW }) };
  assert.match(refusal([shards[0], merged]), /^merged\.json: is a merged report/);
  assert.match(refusal([shards[0], shards[1]]), /^shard 3 of 3 is missing \(given: shard-1\.json \(shard 1\/3\), shard-2\.json \(shard 2\/3\)\)\. .*pass every shard's report/);
  assert.match(refusal([shards[0]]), /^shards 2, 3 of 3 are missing/);
  assert.match(refusal([...shards, shards[1]]), /^shard-2\.json and shard-2\.json are both shard 2\/3 \(the same file, given twice\): pass each shard's report once/);
  const copy = { ...shards[2], file: 'copy.json' };
  assert.match(refusal([...shards, copy]), /^shard-3\.json and copy\.json are both shard 3\/3: pass each shard's report once\. Did a job upload its report twice, or did two jobs run the same --shard\?/);
  const fourths = shardInputs(SPECS, 4);
  assert.match(refusal([shards[0], fourths[1]]), /^shard-2\.json: is shard 2\/4 but shard-1\.json is shard 1\/3: the shards of one run were all run with the same --shard i\/N/);
  const otherBase = { file: 'other.json', report: runReport(SPECS, { index: 2, count: 3 }, { baseSeed: 9 }) };
  assert.match(refusal([shards[0], otherBase, shards[2]]), /^other\.json: comes from another run than shard-1\.json: the setting "baseSeed" differs \(9 there, 0 in shard-1\.json\)\. The shards of one run share/);
  const otherStrategy = structuredClone(shards[1]);
  otherStrategy.report.cases[0].strategy = 'fixed:20';
  assert.match(refusal([shards[0], otherStrategy, shards[2]]), /^shard-2\.json: comes from another run than shard-1\.json: the list of cases and their strategies differs \(\["kv\[3x5\] fixed:20"\] there, \["kv\[3x5\] fixed:10"\] in shard-1\.json\)/);
  const otherVersion = structuredClone(shards[2]);
  otherVersion.report.generator.version = '2.0.0';
  assert.match(refusal([shards[0], shards[1], otherVersion]), /^shard-3\.json: comes from another run than shard-1\.json: the moonpool version differs \("2\.0\.0" there, "1\.2\.3" in shard-1\.json\)/);
  const otherWatchdog = structuredClone(shards[2]);
  otherWatchdog.report.run.settings.seedTimeoutMs = 5;
  checkShards([shards[0], shards[1], otherWatchdog]);
});
