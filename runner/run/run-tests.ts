// One run (runTests): takes the project's cases from the seed workers that load it, selects cases,
// runs their seeds on the worker pool and emits RunnerEvents. Reporters only listen; results do
// not depend on the worker count.
import type { CaseSummary, CoverageRow, CoverageSite } from '../../src/internal.js';
import type { RunSummary } from './events.js';
import { CoverageTable } from '../../src/internal.js';
import { selectCases, type SelectedCase } from './case-selection.js';
import { runCaseSeeds } from './case-seeds.js';
import { projectTsconfig } from '../config/config.js';
import type { RunnerEvent } from './events.js';
import { describeOptions, type RunOptions } from '../cli/run-options.js';
import { startPool } from './start-pool.js';
import { runSettings } from './run-settings.js';
import { SiteCatalog } from '../sites/site-catalog.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import { workloadFiles } from '../config/workload-files.js';

function runSummary(cases: CaseSummary[], skipped: number, unsatisfied: CoverageRow[], wallMs: number, ok: boolean): RunSummary {
  const sum = (pick: (c: CaseSummary) => number) => cases.reduce((total, c) => total + pick(c), 0);
  return {
    cases,
    seedsRun: sum((c) => c.seedsRun),
    passed: sum((c) => c.passed),
    failed: sum((c) => c.failed),
    skipped,
    unsatisfied,
    wallMs,
    ok,
  };
}

/** The project's sometimes/reachable sites, read from its source (a --real run counts no
 * coverage), or why they could not be. */
function readSites(options: RunOptions): { catalog: SiteCatalog; error?: string } {
  const { root } = options.loaded;
  if (options.real) return { catalog: SiteCatalog.empty(root) };
  try {
    return { catalog: SiteCatalog.scan(root, workloadFiles(options.loaded).files, projectTsconfig(options.loaded)) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { catalog: SiteCatalog.empty(root), error: `the sometimes/reachable sites could not be read from the source (${why}): coverage lists only the sites seeds reached.` };
  }
}

/** Each site once, over the cases' topologies. */
function sitesOfCases(cases: readonly SelectedCase[], catalog: SiteCatalog): CoverageSite[] {
  const unique = new Map<string, CoverageSite>();
  for (const c of cases) for (const site of catalog.sitesOf(c.topology.file)) unique.set(`${site.kind}\u0000${site.message}\u0000${site.location}`, site);
  return [...unique.values()];
}

/**
 * Runs the selected cases and resolves with the run's summary (also emitted as run-done).
 * Aborting `signal` stops scheduling, abandons the seeds in flight and still emits run-done
 * (interrupted) so reporters write their files. `skipped` counts the planned seeds of cases
 * never started (--bail, Ctrl-C). `pool`: the run's workers, when the caller started them early.
 */
export async function runTests(
  options: RunOptions,
  emit: (event: RunnerEvent) => void,
  signal?: AbortSignal,
  pool: WorkerPool = startPool(options, emit),
): Promise<RunSummary> {
  const startMs = performance.now();
  // The workers load the project; this thread never imports it and takes the cases from the
  // first worker ready (the others boot meanwhile).
  const onAbort = () => void pool.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  const projectCatalog = pool.catalog();
  // Read while the workers load the project (this thread waits for them meanwhile).
  const sites = readSites(options);
  const { cases, errors, definitionErrors } = selectCases(await projectCatalog, options);
  if (sites.error !== undefined) errors.push(sites.error);
  const workers = Math.max(1, Math.min(options.workers, cases.reduce((n, c) => n + c.info.seedsPlanned, 0)));
  emit({ type: 'run-start', cases: cases.map((c) => c.info), workers, options: describeOptions(options), settings: runSettings(options), sites: sitesOfCases(cases, sites.catalog) });
  for (const message of errors) emit({ type: 'error', message });

  const coverage = new CoverageTable();
  const shrink = options.shrink ? { claimed: false } : undefined;
  const summaries: CaseSummary[] = [];
  let skipped = 0;
  let interrupted = false;
  try {
    for (const entry of cases) {
      interrupted ||= signal?.aborted === true;
      if (interrupted || (options.bail && summaries.some((s) => s.failed > 0))) {
        skipped += entry.info.seedsPlanned;
        continue;
      }
      if (entry.info.seedsPlanned === 0) continue; // none of its seeds falls in this shard
      const outcome = await runCaseSeeds(entry, { options, pool, emit, concurrency: () => pool.inFlightMax(workers), sites: sites.catalog.sitesOf(entry.topology.file), shrink });
      interrupted ||= outcome.interrupted;
      // The seeds a bail or Ctrl-C cut from this case are skipped too, so the counts add up to
      // what was planned (a strategy stopping early on its own skips nothing).
      if (outcome.interrupted || (options.bail && outcome.summary.failed > 0)) {
        skipped += Math.max(0, outcome.summary.seedsPlanned - outcome.summary.seedsRun);
      }
      summaries.push(outcome.summary);
      coverage.merge(outcome.summary.coverage);
      // An interrupted case has no case-done: reporters show it as cut short; run-done carries its partial summary.
      if (!outcome.interrupted) emit({ type: 'case-done', summary: outcome.summary });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Nothing runs on the workers any more: they end in the background (tearing one down takes
    // tens of milliseconds) while the run reports, and the CLI leaves once the reporters are done.
    void pool.close();
  }
  emit({ type: 'coverage', rows: coverage.rows() });
  const unsatisfied = coverage.unsatisfied();
  // A shard that holds none of the planned seeds (more shards than seeds) passes with nothing run.
  const emptyShard = options.shard !== undefined && cases.length > 0 && cases.every((c) => c.info.seedsPlanned === 0);
  const ok =
    !interrupted &&
    errors.length === 0 &&
    (emptyShard || summaries.some((s) => s.seedsRun > 0)) &&
    summaries.every((s) => s.failed === 0) &&
    !(options.failOnUnsatisfied && unsatisfied.length > 0);
  const summary = runSummary(summaries, skipped, unsatisfied, performance.now() - startMs, ok);
  if (definitionErrors > 0) summary.definitionErrors = definitionErrors;
  emit({ type: 'run-done', summary, interrupted });
  return summary;
}
