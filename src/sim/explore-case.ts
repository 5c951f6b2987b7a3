// The seed loop of `--strategy explore:N`: the explorer (chaos/explorer.ts) says which timeline
// runs next; this runs it through `executeSeed` (in-process, or a job on the runner's workers),
// starting the timelines the explorer will want next ahead of time so every worker stays busy.
// A timeline's result does not depend on when it ran, and the explorer takes the results in its
// own order, so the exploration is the same whatever the concurrency.
import { CoverageTable } from '../chaos/coverage-table.js';
import { Explorer, type TimelineSpec } from '../chaos/explorer.js';
import { summarizeCase } from './case-summary.js';
import type { CaseSummary, SeedResult } from '../model/report.js';
import { check, checkCaseOptions, shardSeedCount, type CaseRef, type ExecuteSeed, type RunCaseOptions } from './run-case.js';

export async function exploreCase(
  plan: CaseRef,
  options: RunCaseOptions,
  executeSeed: ExecuteSeed,
  onResult?: (result: SeedResult) => void,
): Promise<{ results: SeedResult[]; summary: CaseSummary }> {
  const { caseId } = plan;
  const { shard, concurrencyNow } = checkCaseOptions(caseId, options);
  const spec = options.strategy;
  check(spec.kind === 'explore', caseId, `exploreCase runs an explore strategy, not ${spec.kind}`);
  const timelines = spec.kind === 'explore' ? spec.timelines : 0;
  // A shard explores from its own share of the sequence's seeds, with its share of the budget.
  const budget = shardSeedCount(timelines, shard);
  const coverage = new CoverageTable();
  coverage.declare(options.sites ?? []);
  const results: SeedResult[] = [];
  if (budget === 0) {
    return { results, summary: summarizeCase({ caseId, topology: plan.topology.name, layout: plan.layout.name, seedsPlanned: 0 }, results, coverage.rows(), 'no timeline of this shard') };
  }
  const explorer = new Explorer({ timelines: budget, baseSeed: options.baseSeed, first: shard.index - 1, step: shard.count, energy: options.energy });

  // Timelines started and not yet recorded, by recipe; `running` of them not finished.
  const started = new Map<string, Promise<SeedResult>>();
  let running = 0;
  const start = (timeline: TimelineSpec): Promise<SeedResult> => {
    const result = executeSeed(timeline.seed, { splits: timeline.splits, discoveries: true });
    running++;
    const settle = () => {
      running--;
    };
    // Handled here: a timeline abandoned past the budget must not surface as an unhandled
    // rejection; the loop's own await still throws.
    result.then(settle, settle);
    started.set(timeline.key, result);
    return result;
  };

  let failures = 0;
  let stopReason: string | undefined;
  try {
    for (let timeline = explorer.next(); timeline !== undefined; timeline = explorer.next()) {
      const pending = started.get(timeline.key) ?? start(timeline);
      for (const ahead of explorer.upcoming(concurrencyNow())) {
        if (running >= concurrencyNow()) break;
        if (!started.has(ahead.key)) void start(ahead); // awaited when its turn comes (or in finally)
      }
      const result = await pending;
      started.delete(timeline.key);
      if (result?.seed !== timeline.seed) {
        check(false, caseId, `executeSeed(${timeline.seed}) returned ${result === undefined ? 'nothing' : `the result of seed ${result.seed}`}; return the result of the seed asked for`);
      }
      explorer.record(timeline, result);
      results.push(result);
      coverage.add(result.coverage);
      onResult?.(result);
      if (!result.ok) failures++;
      if (options.bail && failures > 0) {
        stopReason = `stopped at the first failing timeline (bail) after ${results.length} timeline(s)`;
        break;
      }
    }
  } finally {
    // Timelines started past the end finish before the case ends: no work leaks into the next case.
    await Promise.allSettled(started.values());
  }
  const exploration = explorer.summary();
  stopReason ??=
    `explored ${results.length} timeline(s): ${exploration.roots} seed(s) and ${exploration.children} child timeline(s) ` +
    `split at ${exploration.marks} of ${exploration.discoveries} discoveries, at most ${exploration.depthMax} split(s) deep`;
  if (shard.count > 1) stopReason += ` (shard ${shard.index}/${shard.count})`;
  const summary = summarizeCase({ caseId, topology: plan.topology.name, layout: plan.layout.name, seedsPlanned: budget }, results, coverage.rows(), stopReason);
  summary.exploration = exploration;
  return { results, summary };
}
