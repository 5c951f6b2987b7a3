import type { InvariantDefinition, TopologyDefinition, WorkloadDefinition, WorkloadInstance } from './definitions.js';
import type { Owner } from './failure.js';
import type { Injector } from './injection.js';
import type { ShutdownSignal } from './shutdown-signal.js';
import type { SimWorld } from '../core/world.js';
import type { StateRegistry } from '../chaos/state-registry.js';

/** One simulated process of a seed: a workload instance on its own host. */
export interface SimProcess {
  /** `client#3`: task names and failure reports use it. */
  id: string;
  role: string;
  index: number;
  ip: string;
  address: string;
  definition: WorkloadDefinition;
  injector: Injector;
  instance?: WorkloadInstance;
}

/** Everything the lifecycle phases of one seed act on. */
export interface SeedCluster {
  world: SimWorld;
  topology: TopologyDefinition;
  processes: SimProcess[];
  invariants: InvariantDefinition[];
  /** Serves the topology class and the invariants (no host, so no network provider). */
  sharedInjector: Injector;
  registry: StateRegistry;
  shutdown: ShutdownSignal;
  livenessTimeoutMs: number;
  /** Starts the liveness phase: faults heal and stop, buggify goes quiet. */
  enterLiveness(): void;
}

/** The process (and so class and file) a task name belongs to: `client#3.run`, `client#3/pump`. */
export function ownerOfTask(cluster: SeedCluster, taskName: string): Owner | undefined {
  const id = /^[^./]+/.exec(taskName)?.[0];
  if (id === 'topology') {
    return { where: taskName, className: cluster.topology.target.name, file: cluster.topology.file };
  }
  const owner = cluster.processes.find((p) => p.id === id);
  return owner && { where: taskName, className: owner.definition.target.name, file: owner.definition.file };
}
