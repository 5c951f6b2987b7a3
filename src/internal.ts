// `moonpool/internal`: everything the public entry exports and what only a runner needs (the
// seed loops, the engine, the guard, the injector, layouts, strategies, reporters' helpers). No
// stability promise: the runner in this package is its one user. It does not import index.ts, so
// the public entry can announce this namespace to runners (see sim/announce.ts) without a cycle.
import 'reflect-metadata';

export { SimWorld, DEFAULT_EVENTS_MAX, DEFAULT_SIM_TIME_MS_MAX, type SimWorldOptions } from './core/world.js';
export { runInWorld, type WorldRunOptions, type WorldRunResult } from './core/run-world.js';
export { firstDivergence, DeterminismMismatchError, type Divergence } from './core/determinism.js';
export { RngStreams, RngStream, SEED_MAX, isValidSeed, STREAM_NAMES, SPLIT_STREAMS, type StreamName } from './core/rng.js';
export { currentWorld } from './core/current.js';
export { closestName } from './core/closest-name.js';
export { installGuard, SIM_EPOCH_MS, type GuardMode } from './core/guard.js';
export { realGlobals } from './core/real-globals.js';
export type { TraceStep } from './core/trace.js';
export {
  SimulationError,
  DeadlockError,
  BudgetExceededError,
  NondeterminismError,
  TaskFailedError,
  TaskCancelledError,
  TimeoutError,
  type BlockedTask,
} from './core/errors.js';
export { TimeProvider } from './providers/time-provider.js';
export { TaskProvider, type TaskHandle } from './providers/task-provider.js';
export { RandomProvider } from './providers/random-provider.js';
export { NetworkProvider, parseAddress, type Connection, type Listener } from './providers/network-provider.js';
export * from './providers/network-errors.js';
export { SimTimeProvider } from './providers/sim-time-provider.js';
export { SimTaskProvider } from './providers/sim-task-provider.js';
export { SimRandomProvider } from './providers/sim-random-provider.js';
export { NodeTimeProvider } from './providers/node-time-provider.js';
export { NodeTaskProvider } from './providers/node-task-provider.js';
export { NodeRandomProvider } from './providers/node-random-provider.js';
export { ProcessLife } from './providers/process-life.js';
export type { FailureKind, FailureInfo, SeedResult, CaseSummary, ShrinkSummary } from './model/report.js';
export type { CoverageHit, CoverageKind, CoverageRow, CoverageSite, BucketHit, BucketRow, NumericBest, Discovery } from './chaos/coverage.js';
export type { ExplorationSummary } from './chaos/explorer.js';
export type { RebootInfo } from './model/process-faults.js';
export type { Timeline, TimelineEntry, TimelineKind, TimelineValue } from './core/timeline-entry.js';
export { trace } from './timeline/trace.js';
export { TIMELINE_ENTRIES_MAX } from './core/timeline-recorder.js';
export type { AppliedFault } from './core/fault-log.js';
export * from './network/index.js';
export * from './transport/index.js';
export * from './chaos/index.js';
export * from './sim/index.js';
export * from './storage/index.js';
export { NodeNetworkProvider } from './network/node-network-provider.js';
export { NodeStorageProvider } from './storage/node-storage-provider.js';
export * from './real/index.js';
export * from './http/index.js';
