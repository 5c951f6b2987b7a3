import type { SimTask } from '../core/task.js';
import type { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import type { StateRegistry } from '../chaos/state-registry.js';
import type { InvariantDefinition, TopologyDefinition, WorkloadDefinition, WorkloadInstance } from './definitions.js';
import type { Owner } from './failure.js';
import type { Injector } from './injection.js';
import type { ShutdownSignal } from './shutdown-signal.js';
import type { HostStorage } from './host-storage.js';
import type { Supervisor } from './supervisor.js';

/** One simulated process of a seed: a workload on its own host, and its current incarnation. */
export interface SimProcess {
  /** `client#3`: task names and failure reports use it. */
  readonly id: string;
  readonly role: string;
  readonly index: number;
  readonly ip: string;
  readonly address: string;
  readonly zone: number;
  readonly definition: WorkloadDefinition;
  /** 0 at the first start, one more after each reboot. */
  incarnation: number;
  up: boolean;
  /** Stopped gracefully and within its grace period. */
  stopping: boolean;
  /** The current incarnation's setup() returned. */
  ready: boolean;
  /** The current incarnation's run() returned. */
  runReturned: boolean;
  /** The current incarnation's tasks: killed when it stops. */
  scope: TaskScope;
  /** The current incarnation's TopologyInfo.shutdown. */
  signal: ShutdownSignal;
  injector: Injector;
  /** The current incarnation's storage (closed when it stops). */
  storage?: HostStorage;
  instance?: WorkloadInstance;
  runTask?: SimTask<unknown>;
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
  supervisor: Supervisor;
  livenessTimeoutMs: number;
  /** Starts the seed's attrition, if any (when the run phase begins). */
  startAttrition(): void;
  /** Starts the liveness phase: faults heal and stop, buggify goes quiet, attrition stops and
   * every down process restarts. */
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
