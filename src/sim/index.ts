// Public exports of src/sim/ (re-exported by src/index.ts).
export { Workload, Topology, Invariant, Inject } from '../model/decorators.js';
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
} from '../model/definitions.js';
export { DEFAULT_PORT, DEFAULT_LIVENESS_TIMEOUT_MS } from '../model/definitions.js';
export type { TopologyOptions } from '../model/topology-options.js';
export { DefinitionError } from '../model/definition-error.js';
export { topologyOf, workloadOf, invariantOf } from '../model/metadata.js';
export { listTopologies } from '../model/registry.js';
export { TopologyInfo } from '../model/topology-info.js';
export { ShutdownSignal, type SignalWait } from '../model/shutdown-signal.js';
export { ProcessFaults, STOP_KINDS, type StopKind, type RebootOptions } from '../model/process-faults.js';
export { DEFAULT_ATTRITION, attritionFor, describeAttrition, type AttritionOptions, type AttritionConfig } from '../model/attrition-options.js';
// The scripted-faults token is the network's own class: typed, and what design:paramtypes names.
export { ScriptedFaults as NetworkFaults } from '../network/scripted-faults.js';
export { Injector, InjectionError } from '../model/injection.js';
export { SetupError, LivenessError } from '../model/lifecycle-errors.js';
export { expandLayouts, caseIdOf, type CasePlan } from '../model/layouts.js';
export { PROCESSES_MAX } from '../model/layout-spec.js';
export { seedReplays, replayFlags, replayBaseOf, type ReplayBase, type ReplayFlags } from './replay.js';
export { runSeed } from './run-seed.js';
export type { SeedRunOptions, BranchOptions } from './seed-options.js';
export { runCase, shardSeedCount, type RunCaseOptions, type Shard, type ExecuteSeed, type CaseRef } from './run-case.js';
export { runSimulation, DEFAULT_BASE_SEED, type SimulationOptions, type SimulationReport } from './run-simulation.js';
export { summarizeCase, type CaseIdentity } from './case-summary.js';
