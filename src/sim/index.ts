// Public exports of src/sim/ (re-exported by src/index.ts).
export { Workload, Topology, Invariant, Inject } from './decorators.js';
export type {
  Constructor,
  WorkloadInstance,
  InvariantInstance,
  TopologyInstance,
  WorkloadOptions,
  WorkloadDefinition,
  InvariantDefinition,
  TopologyDefinition,
  RoleDefinition,
  LayoutSpec,
  RoleCount,
  BuggifyMode,
  NetworkSetting,
} from './definitions.js';
export { DEFAULT_PORT, DEFAULT_LIVENESS_TIMEOUT_MS } from './definitions.js';
export type { TopologyOptions } from './topology-options.js';
export { DefinitionError } from './definition-error.js';
export { topologyOf, workloadOf, invariantOf } from './metadata.js';
export { listTopologies } from './registry.js';
export { TopologyInfo } from './topology-info.js';
export { ShutdownSignal, type SignalWait } from './shutdown-signal.js';
export { ProcessFaults, STOP_KINDS, type StopKind, type RebootOptions } from './process-faults.js';
export { DEFAULT_ATTRITION, attritionFor, describeAttrition, type AttritionOptions, type AttritionConfig } from './attrition-options.js';
// The scripted-faults token is the network's own class: typed, and what design:paramtypes names.
export { ScriptedFaults as NetworkFaults } from '../network/scripted-faults.js';
export { Injector, InjectionError } from './injection.js';
export { SetupError, LivenessError } from './lifecycle-errors.js';
export { expandLayouts, caseIdOf, type CasePlan } from './layouts.js';
export { MAX_PROCESSES } from './layout-spec.js';
export { seedReplays, replayFlags, replayBaseOf, type ReplayBase, type ReplayFlags } from './replay.js';
export { runSeed } from './run-seed.js';
export type { SeedRunOptions, BranchOptions } from './seed-options.js';
export { runCase, shardSeedCount, type RunCaseOptions, type Shard, type ExecuteSeed, type CaseRef } from './run-case.js';
export { runSimulation, DEFAULT_BASE_SEED, type SimulationOptions, type SimulationReport } from './run-simulation.js';
export { summarizeCase, type CaseIdentity } from './case-summary.js';
