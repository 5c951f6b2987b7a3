// Messages between the pool (main thread) and its seed workers (structured clone: plain data only).
import type { SeedResult, SeedRunOptions, Split } from '../../src/internal.js';
import type { Catalog } from './catalog.js';
import type { LoadedConfig } from '../config/config-shape.js';

/** What a worker needs to load the project. */
export interface WorkerInit {
  loaded: LoadedConfig;
  /** Watch mode: load the project in a fresh tsx namespace and report its import graph in the
   * catalog (costs tsx's API in the worker; a seed worker loads the project once, without it). */
  importGraph?: boolean;
}

/** One seed to run, with the library's per-seed options (plain data). */
export interface SeedJob {
  id: number;
  caseId: string;
  topology: string;
  layout: string;
  seed: number;
  options: SeedRunOptions;
  /** Run once on real providers over 127.0.0.1 instead of simulating (--real). */
  real: boolean;
  /** --real only: leave the processes' storage folders behind (--keep-storage). */
  keepStorage?: boolean;
  /** A child timeline of the seed (`--strategy explore`, `--recipe`): where it split. */
  splits?: Split[];
  /** Report the timeline's discoveries (`--strategy explore`). */
  discoveries?: boolean;
}

/** One seed's result, by the id of the job that ran it. */
export interface JobResult {
  id: number;
  result: SeedResult;
}

/** Seeds to run after the ones the worker holds, in this order. */
export type ToWorker = { type: 'run'; jobs: SeedJob[] };

export type FromWorker =
  /** The project loaded: its cases, as this worker found them, and where it records the seed it
   * is running (seed-progress.ts). */
  | { type: 'ready'; catalog: Catalog; progress: SharedArrayBuffer }
  /** Results of the seeds sent, in the order sent. */
  | { type: 'results'; results: JobResult[] }
  | { type: 'output'; id: number | undefined; stream: 'stdout' | 'stderr'; text: string }
  /** A seed left real work behind (a real timer, a socket): the worker runs no more seeds and
   * asks to be replaced, so that work never lands in another seed. Sent after its results. */
  | { type: 'retire' };
