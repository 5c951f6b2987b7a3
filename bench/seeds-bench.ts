// Seeds per second of the bundled ping-pong topology (1x1, hostile) through the runner (runTests),
// with one worker and with one per core. Rates are read off the runner's own seed-done events
// over windows of each worker's life, counted in seeds per worker, so process start-up and each
// worker's boot never count, and one run gives both the warm-up phase (TurboFan still compiling
// functions for the first time) and the steady state a long CI run gets. Each window also gets
// the CPU its threads used per seed (see thread-cpu.ts), to account for the scaling.
import { availableParallelism } from 'node:os';
import { parseArgs } from '../runner/cli/cli-args.js';
import { runTests } from '../runner/run/run-tests.js';
import { resolveRunOptions } from '../runner/cli/run-options.js';
import { realGlobals } from '../src/core/real-globals.js';
import { cpuPerSeed, threadCpuMs, type CpuPerSeed, type ThreadCpuMs } from './thread-cpu.js';

// The bundled ping-pong with the bench's own tuned invariants (bench/ping-pong/).
const PROJECT = new URL('./ping-pong/', import.meta.url).pathname;

/** A window of a worker's life: from its `fromSeed`-th seed to its `toSeed`-th (per worker). */
export type SeedWindow = readonly [fromSeed: number, toSeed: number];

export interface WindowFigures {
  seedsPerSec: number;
  /** Undefined where the kernel gives no per-thread counters. */
  cpu: CpuPerSeed | undefined;
}

/** Runs `perWorker` seeds on each of `workers` workers; the figures of the run over each window. */
export async function seedsPerSec(workers: number, perWorker: number, windows: readonly SeedWindow[]): Promise<WindowFigures[]> {
  for (const [from, to] of windows) {
    if (!(from >= 1 && to > from && to <= perWorker)) throw new RangeError(`seedsPerSec: window [${from}, ${to}] must lie inside a worker's ${perWorker} seeds, after its first`);
  }
  const seeds = perWorker * workers;
  // Without attrition: the same work per seed as before ping-pong's servers rebooted, so the
  // figures compare with earlier runs (attrition has its own figure).
  const args = ['ping-pong', '--layout', '1x1', '--network', 'hostile', '--attrition', 'off', '--seeds', String(seeds), '--workers', String(workers)];
  const options = resolveRunOptions(parseArgs(args), { cwd: PROJECT, isTTY: false, ci: true });
  // Workers pull seeds as they finish them, so the run's (k * workers)-th seed marks each worker's k-th on average.
  const marks = new Set(windows.flatMap(([from, to]) => [from * workers, to * workers]));
  const cpuAt = new Map<number, ThreadCpuMs | undefined>();
  const doneMs: number[] = [];
  const summary = await runTests(options, (event) => {
    if (event.type !== 'seed-done') return;
    doneMs.push(realGlobals.performanceNow());
    if (marks.has(doneMs.length)) cpuAt.set(doneMs.length, threadCpuMs());
  });
  if (!summary.ok || doneMs.length !== seeds) throw new Error(`seedsPerSec: the run failed or lost seeds (${doneMs.length} of ${seeds} reported)`);
  return windows.map(([from, to]) => {
    const [first, last] = [from * workers, to * workers];
    const [before, after] = [cpuAt.get(first), cpuAt.get(last)];
    return {
      seedsPerSec: (last - first) / ((doneMs[last - 1] - doneMs[first - 1]) / 1000),
      cpu: before && after && cpuPerSeed(before, after, process.pid, workers, last - first),
    };
  });
}

export const CORES = availableParallelism();
