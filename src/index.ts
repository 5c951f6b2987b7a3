// The public entry (`moonpool`): what a workload author imports. Everything here is the
// contract; src/public-api.test.ts lists the runtime names so that changing them is deliberate.
// The runner's plumbing (seed loops, the guard, the injector, the engine) is `moonpool/internal`.
import 'reflect-metadata';

// Declaring a system: decorators, injection tokens for the runner's services, topology options.
export { Workload, Topology, Invariant, Inject } from './model/decorators.js';
export { DefinitionError } from './model/definition-error.js';
export { TopologyInfo } from './model/topology-info.js';
export { ProcessFaults, type StopKind, type RebootOptions, type RebootInfo } from './model/process-faults.js';
// The scripted-faults token is the network's own class: typed, and what design:paramtypes names.
export { ScriptedFaults as NetworkFaults } from './network/scripted-faults.js';
export type {
  WorkloadInstance,
  InvariantInstance,
  TopologyInstance,
  WorkloadOptions,
  LayoutSpec,
  RoleCount,
  BuggifyMode,
  NetworkSetting,
} from './model/definitions.js';
export type { TopologyOptions } from './model/topology-options.js';
export type { AttritionOptions, AttritionConfig } from './model/attrition-options.js';

// Providers: abstract classes (also the injection tokens), their simulated implementations (the
// runner builds these per seed) and their production ones.
export { TimeProvider } from './providers/time-provider.js';
export { TaskProvider, type TaskHandle } from './providers/task-provider.js';
export { RandomProvider } from './providers/random-provider.js';
export { NetworkProvider, type Connection, type Listener } from './providers/network-provider.js';
export {
  NetworkError,
  ConnectionRefusedError,
  ConnectionResetError,
  ConnectionClosedError,
  ConnectionTimedOutError,
  AddressInUseError,
  ListenerClosedError,
} from './providers/network-errors.js';
export { StorageProvider, StorageFile, type OpenOptions } from './storage/storage-provider.js';
export {
  StorageError,
  StorageIOError,
  FileNotFoundError,
  FileExistsError,
  FileClosedError,
  InvalidPathError,
  InvalidRangeError,
} from './storage/storage-errors.js';
export { TimeoutError, TaskCancelledError, TaskFailedError } from './core/errors.js';
export { SimTimeProvider } from './providers/sim-time-provider.js';
export { SimTaskProvider } from './providers/sim-task-provider.js';
export { SimRandomProvider } from './providers/sim-random-provider.js';
export { SimNetworkProvider } from './network/sim-network-provider.js';
export { SimStorageProvider } from './storage/sim-storage-provider.js';
export { NodeTimeProvider } from './providers/node-time-provider.js';
export { NodeTaskProvider } from './providers/node-task-provider.js';
export { NodeRandomProvider } from './providers/node-random-provider.js';
export { NodeNetworkProvider } from './network/node-network-provider.js';
export { NodeStorageProvider } from './storage/node-storage-provider.js';

// Messages between processes.
export { ClientTransport, type RequestOptions } from './transport/client-transport.js';
export { ServerTransport } from './transport/server-transport.js';
export { IncomingRequest } from './transport/incoming-request.js';
export type { ClientTransportOptions, ServerTransportOptions } from './transport/transport-options.js';
export type { BackoffOptions } from './transport/backoff.js';
export type { TransportStats } from './transport/transport-stats.js';
export {
  TransportError,
  RequestTimeoutError,
  ConnectionLostError,
  MaybeDeliveredError,
  SendQueueFullError,
  TransportClosedError,
  RemoteError,
  type TransportErrorCode,
} from './transport/transport-errors.js';
export { crc32c } from './transport/crc32c.js';

// node:http over a NetworkProvider.
export { toNodeSocket, type NodeSocket, type NodeSocketOptions } from './http/node-socket.js';
export { createHttpServer, type HttpServer } from './http/http-server.js';
export { httpAgent } from './http/http-agent.js';
export { simFetch, type FetchFunction, type SimFetchOptions } from './http/sim-fetch.js';
export type { ErrnoError } from './http/errno-error.js';

// Chaos, assertions, state for invariants, the timeline.
export { buggify } from './chaos/buggify.js';
export {
  alwaysAssert,
  sometimesAssert,
  reachable,
  unreachable,
  sometimesAll,
  sometimesEach,
  alwaysLessThan,
  alwaysLessThanOrEqual,
  alwaysGreaterThan,
  alwaysGreaterThanOrEqual,
  sometimesLessThan,
  sometimesGreaterThan,
  type EachKey,
} from './chaos/assertions.js';
export { StateRegistry, type StateSnapshot, type ProcessInfo } from './chaos/state-registry.js';
export { trace } from './timeline/trace.js';

// Running from code (node:test, vitest), and what a run reports.
export { runSimulation, type SimulationOptions, type SimulationReport } from './sim/run-simulation.js';
export { runReal, type RealRunOptions, type RealTopologyOptions } from './real/run-real.js';
export type { SeedRunOptions } from './sim/seed-options.js';
export type { FailureKind, FailureInfo, SeedResult, CaseSummary, ShrinkSummary } from './model/report.js';
export type { CoverageHit, CoverageKind, CoverageRow, BucketHit, BucketRow, NumericBest, Discovery } from './chaos/coverage.js';
export type { ExplorationSummary } from './chaos/explorer.js';
export type { Timeline, TimelineEntry, TimelineKind, TimelineValue } from './core/timeline-entry.js';
export type { AppliedFault } from './core/fault-log.js';
export type { NetworkConfig, FaultSetting, LatencyDistribution, Range } from './network/network-config.js';
export type { NetworkPresetName } from './network/presets.js';
export type { StorageConfig, StoragePresetName, StorageSetting, StorageFaultSetting } from './storage/storage-config.js';

// Last: the runner's view of this library instance, moonpool/internal, which announces itself
// as it loads (see internal.ts).
import './internal.js';
