// `moonpool/internal`: every name of the public entry, and what only a runner needs (the seed
// loops, the engine, the guard, the injector, layouts, strategies, the reporters' helpers). No
// stability promise: the runner in this package is its one user. Loading either entry loads
// both and announces this namespace to runners (see sim/announce.ts): the runner calls the
// instance the workload files imported.
export * from './index.js';

export { SimWorld, DEFAULT_EVENTS_MAX, DEFAULT_SIM_TIME_MS_MAX, type SimWorldOptions } from './core/world.js';
export { runInWorld, type WorldRunOptions, type WorldRunResult } from './core/run-world.js';
export { firstDivergence, DeterminismMismatchError, type Divergence } from './core/determinism.js';
export { RngStreams, RngStream, SEED_MAX, isValidSeed, STREAM_NAMES, SPLIT_STREAMS, type StreamName } from './core/rng.js';
export { currentWorld } from './core/current.js';
export { closestName } from './core/closest-name.js';
export { installGuard, SIM_EPOCH_MS, type GuardMode } from './core/guard.js';
export { realGlobals } from './core/real-globals.js';
export type { TraceStep } from './core/trace.js';
export { SimulationError, DeadlockError, BudgetExceededError, NondeterminismError, type BlockedTask } from './core/errors.js';
export { parseAddress } from './providers/network-provider.js';
export { ProcessLife } from './providers/process-life.js';
export type { CoverageSite } from './chaos/coverage.js';
export { TIMELINE_ENTRIES_MAX } from './core/timeline-recorder.js';
export { SimNetwork } from './network/sim-network.js';
export { SimConnection } from './network/sim-connection.js';
export { SimListener } from './network/sim-listener.js';
export { ScriptedFaults } from './network/scripted-faults.js';
export type { Delivery, DeliveryListener } from './network/network-core.js';
export { FAULT_FAMILIES, TIMED_FAULT_FAMILIES, OP_FAULT_FAMILIES, LATENCY_OPS, type FaultFamily, type LatencyOp, type NetworkOp } from './network/network-config.js';
export { NetworkConfigError, validateNetworkConfig } from './network/config-validation.js';
export { NETWORK_PRESET_NAMES, networkPreset, resolveNetworkConfig, type ResolveNetworkOptions } from './network/presets.js';
export { sampleLatencyMs, latencyMeanMs, latencyMsMax } from './network/latency.js';
export type { TransportProviderOptions } from './transport/transport-providers.js';
export { encodeFrame, FrameKind, DEFAULT_FRAME_BYTES_MAX, FRAME_VERSION, type DecodedFrame } from './transport/frame.js';
export { FrameDecoder, type FrameDecoderOptions } from './transport/frame-decoder.js';
export { WireError, type WireErrorCode } from './transport/wire-errors.js';
export { DEFAULT_FIRE_PROBABILITY } from './chaos/buggify.js';
export { attachChaos, siteEnabled, DEFAULT_SITE_PROBABILITY, type ChaosOptions, type ChaosContext } from './chaos/chaos-context.js';
export { BUCKETS_PER_SITE_MAX, DISCOVERIES_PER_TIMELINE_MAX } from './chaos/coverage-recorder.js';
export { Explorer, defaultEnergy, childSeed, type ExploreEnergy, type ExplorerOptions, type TimelineSpec } from './chaos/explorer.js';
export { formatRecipe, parseRecipe, validateSplits, RecipeError, SPLITS_MAX, type Recipe } from './chaos/recipe.js';
export type { Split } from './core/rng.js';
export { AssertionFailure, InvariantViolation } from './chaos/chaos-errors.js';
export { CoverageTable, isUnsatisfied } from './chaos/coverage-table.js';
export { watchInvariants, type InvariantCheck } from './chaos/invariants.js';
export { strategyDecision, plannedSeeds, caseStrategy, chosenStrategy, DEFAULT_SEEDS, validateStrategy, DEFAULT_SEEDS_MIN, DEFAULT_TIME_BUDGET_SEEDS_MAX, type StrategySpec, type StrategyState, type StrategyDecision, type StrategyChoice } from './chaos/strategy.js';
export { parseStrategy, StrategyError } from './chaos/strategy-parse.js';
export { seedAt } from './chaos/seed-at.js';
export type { Constructor, WorkloadDefinition, InvariantDefinition, TopologyDefinition, RoleDefinition } from './model/definitions.js';
export { DEFAULT_PORT, DEFAULT_LIVENESS_TIMEOUT_MS } from './model/definitions.js';
export { topologyOf, workloadOf, invariantOf } from './model/metadata.js';
export { listTopologies } from './model/registry.js';
export { ShutdownSignal, type SignalWait } from './model/shutdown-signal.js';
export { STOP_KINDS } from './model/process-faults.js';
export { DEFAULT_ATTRITION, attritionFor, describeAttrition } from './model/attrition-options.js';
export { Injector, InjectionError } from './model/injection.js';
export { SetupError, LivenessError } from './model/lifecycle-errors.js';
export { expandLayouts, caseIdOf, type CasePlan } from './model/layouts.js';
export { PROCESSES_MAX } from './model/layout-spec.js';
export { seedReplays, replayFlags, replayBaseOf, type ReplayBase, type ReplayFlags } from './sim/replay.js';
export { runSeed } from './sim/run-seed.js';
export type { BranchOptions } from './sim/seed-options.js';
export { runCase, shardSeedCount, type RunCaseOptions, type Shard, type ExecuteSeed, type CaseRef } from './sim/run-case.js';
export { DEFAULT_BASE_SEED } from './sim/run-simulation.js';
export { summarizeCase, type CaseIdentity } from './sim/case-summary.js';
export { checkPath, checkPrefix, checkRange, checkIo, PATH_LENGTH_MAX, NAME_LENGTH_MAX, FILE_BYTES_MAX, IO_BYTES_MAX } from './storage/storage-provider.js';
export { STORAGE_FAULT_FAMILIES, STORAGE_LATENCY_OPS, STORAGE_OP_FAULT_FAMILIES, STORAGE_PRESET_NAMES, type StorageFaultFamily, type StorageLatencyOp, type StorageOp } from './storage/storage-config.js';
export { StorageConfigError } from './storage/storage-config-error.js';
export { validateStorageConfig } from './storage/storage-config-validation.js';
export { storagePreset, resolveStorageConfig, type ResolveStorageOptions } from './storage/storage-presets.js';
export { SECTOR_SIZE, PAGE_SIZE } from './storage/disk-geometry.js';
export type { CrashStats, SectorOutcome, CrashObserver } from './storage/crash-model.js';
export { SimDisk } from './storage/sim-disk.js';
export { SimStorageFile } from './storage/sim-storage-file.js';
export { runRealCase, REAL_RUN_SEED } from './real/run-real.js';

import * as internal from './internal.js';
import { announceLibrary } from './sim/announce.js';
announceLibrary(internal);
