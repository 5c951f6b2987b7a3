import type { WorkloadDefinition, WorkloadInstance } from '../model/definitions.js';
import type { Owner } from '../model/failure.js';
import type { Injector } from '../model/injection.js';
import type { ShutdownSignal } from '../model/shutdown-signal.js';
import type { Cluster } from './cluster.js';
import type { IncarnationScope, LifecycleStep } from './lifecycle-world.js';

/** One process of a cluster: a workload on its own host, and its current incarnation. */
export interface ClusterProcess<S extends IncarnationScope> {
  /** `client#3`: task names and failure reports use it. */
  readonly id: string;
  readonly role: string;
  readonly index: number;
  /** What the network calls its host: its IP in a simulation, its address with --real. */
  readonly host: string;
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
  /** What dies with the current incarnation. */
  scope: S;
  /** The current incarnation's TopologyInfo.shutdown. */
  signal: ShutdownSignal;
  injector: Injector;
  instance?: WorkloadInstance;
  runStep?: LifecycleStep;
}

/** The process (and so class and file) a task name belongs to: `client#3.run`, `client#3/pump`. */
export function ownerOfTask<S extends IncarnationScope>(cluster: Cluster<S>, taskName: string): Owner | undefined {
  const id = /^[^./]+/.exec(taskName)?.[0];
  if (id === 'topology') {
    return { where: taskName, className: cluster.topology.target.name, file: cluster.topology.file };
  }
  const owner = cluster.processes.find((p) => p.id === id);
  return owner && { where: taskName, className: owner.definition.target.name, file: owner.definition.file };
}
