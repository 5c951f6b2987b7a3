// What watch mode needs from the runner, and the filter it hands back for each rerun.
import type { Readable, Writable } from 'node:stream';
import type { RunSummary } from '../../src/index.js';

export interface WatchFilter {
  /** Undefined: every case. */
  caseIds?: string[];
  /** caseId → seeds that failed last time, to run before the others. */
  seedsFirst?: Record<string, number[]>;
}

export interface WatchProject {
  /** Absolute file (or file: URL) → the project files it imports. */
  importGraph: Map<string, Set<string>>;
  /** caseId (`ping-pong[2x10]`) → the file declaring its topology (absolute or root-relative). */
  topologyFiles: Map<string, string>;
  /** Files that failed to load (a syntax error...), one paragraph each; undefined: none. */
  errors?: string[];
}

export interface WatchDeps {
  runOnce: (filter: WatchFilter, signal: AbortSignal) => Promise<RunSummary>;
  rediscover: () => Promise<WatchProject>;
  root: string;
  stdin: Readable;
  stdout: Writable;
  ci: boolean;
  /** Aborting it ends the session like `q` (the CLI aborts on SIGINT when stdin is not raw). */
  signal?: AbortSignal;
  debounceMs?: number;
}
