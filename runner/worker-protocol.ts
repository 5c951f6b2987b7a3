// Messages between the runner and its seed workers (structured clone: plain data only).
import type { SeedResult, SeedRunOptions } from '../src/index.js';
import type { Catalog } from './catalog.js';
import type { LoadedConfig } from './config-shape.js';

/** What a worker needs to load the project once. */
export interface WorkerInit {
  loaded: LoadedConfig;
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
  replay: string;
}

export type ToWorker = { type: 'run'; job: SeedJob };

export type FromWorker =
  /** The project loaded: its cases, as this worker found them. */
  | { type: 'ready'; catalog: Catalog }
  | { type: 'result'; id: number; result: SeedResult }
  | { type: 'output'; id: number | undefined; stream: 'stdout' | 'stderr'; text: string };
