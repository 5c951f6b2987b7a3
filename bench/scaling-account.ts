// Why N workers reach the seeds/s they do beside one: the measured ratio as an exact product of
// three factors read off the threads' CPU counters (thread-cpu.ts).
import type { CpuPerSeed } from './thread-cpu.js';

export interface ScalingAccount {
  /** seeds/s with N workers over seeds/s with one. */
  ratio: number;
  /** The share of the N cores left to the workers once the main thread and V8's helper threads
   * (compiler, GC) have theirs: W_N / (W_N + E_N). A lone worker has them on an idle core. */
  helperShare: number;
  /** A lone worker's CPU per seed over that of each of N workers: W_1 / W_N (below 1 when the
   * workers slow each other down through shared caches and memory, or the host does). */
  workerCpu: number;
  /** How busy the run kept the N cores, over how busy the lone worker kept its own thread
   * (CPU used / wall time). Below 1 when threads wait for a core or for work. */
  busy: number;
}

/** `ratio` = N x helperShare x workerCpu x busy, exactly. Per-seed CPU in ms, rates in seeds/s. */
export function scalingAccount(workers: number, one: { seedsPerSec: number; cpu: CpuPerSeed }, many: { seedsPerSec: number; cpu: CpuPerSeed }): ScalingAccount {
  const loneBusy = (one.seedsPerSec * one.cpu.workerMs) / 1000;
  // Each seed runs on one worker: workerMs is the CPU of the worker that ran it, whatever N is.
  const manyCpuMs = many.cpu.workerMs + many.cpu.mainMs + many.cpu.helperMs;
  const manyBusy = (many.seedsPerSec * manyCpuMs) / 1000 / workers;
  if (!(loneBusy > 0 && many.cpu.workerMs > 0)) throw new RangeError('scalingAccount: a run with no worker CPU time cannot be accounted for');
  return {
    ratio: many.seedsPerSec / one.seedsPerSec,
    helperShare: many.cpu.workerMs / manyCpuMs,
    workerCpu: one.cpu.workerMs / many.cpu.workerMs,
    busy: manyBusy / loneBusy,
  };
}
