import { StateRegistry } from '../chaos/state-registry.js';
import { mapPacked } from '../core/packed-array.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TaskProvider } from '../providers/task-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { ScriptedFaults } from '../network/scripted-faults.js';
import type { AttritionConfig } from '../model/attrition-options.js';
import type { AttritionRandom } from '../model/attrition-picker.js';
import type { InvariantDefinition, TopologyDefinition } from '../model/definitions.js';
import { Injector } from '../model/injection.js';
import type { CasePlan } from '../model/layouts.js';
import { ProcessFaults } from '../model/process-faults.js';
import { TopologyInfo } from '../model/topology-info.js';
import { StorageProvider } from '../storage/storage-provider.js';
import { Attrition } from './attrition.js';
import { ClusterProcessFaults } from './cluster-process-faults.js';
import type { ClusterProcess } from './cluster-process.js';
import type { IncarnationScope, LifecycleWorld } from './lifecycle-world.js';
import { Supervisor } from './supervisor.js';

/** Everything the lifecycle phases of one run act on. */
export interface Cluster<S extends IncarnationScope> {
  world: LifecycleWorld<S>;
  topology: TopologyDefinition;
  processes: ClusterProcess<S>[];
  invariants: InvariantDefinition[];
  /** Serves the topology class and the invariants (no host, so no network provider). */
  sharedInjector: Injector;
  registry: StateRegistry;
  supervisor: Supervisor<S>;
  livenessTimeoutMs: number;
  /** Starts the attrition, if any (when the run phase begins). */
  startAttrition(): void;
  /** Starts the liveness phase: attrition stops, the world's faults heal and stop, and every
   * down process restarts. */
  enterLiveness(): void;
  /** The run is over (between two turns of the world): attrition stops and every incarnation is killed. */
  close(): void;
}

/** The providers a world gives: fresh ones for each incarnation of a process (built in this
 * order), and the topology class's and invariants', which have no host. */
export interface ClusterProviders<S extends IncarnationScope> {
  process(process: ClusterProcess<S>): {
    storage: StorageProvider;
    time: TimeProvider;
    task: TaskProvider;
    random: RandomProvider;
    network: NetworkProvider;
  };
  shared(): { time: TimeProvider; task: TaskProvider; random: RandomProvider };
  networkFaults: ScriptedFaults;
}

/** Where a process sits: what stays the same across its incarnations. */
export interface ProcessPlace {
  role: string;
  index: number;
  /** Its IP in a simulation, its address with --real. */
  host: string;
  address: string;
}

export interface ClusterSpec<S extends IncarnationScope> {
  world: LifecycleWorld<S>;
  plan: CasePlan;
  /** Every process, in host order (roles in declaration order). */
  places: readonly ProcessPlace[];
  providers: ClusterProviders<S>;
  registry: StateRegistry;
  attrition: AttritionConfig | undefined;
  attritionRandom: AttritionRandom;
  livenessTimeoutMs: number;
  /** `seed 42`, `--real run`: named when a ProcessFaults argument is wrong. */
  run: string;
  /** The liveness phase begins: the world's own faults heal and stop. */
  calm(): void;
}

/**
 * One process per place, each incarnation built by the Injector from the world's providers with
 * the same tokens in a simulation and with --real (NetworkFaults and ProcessFaults included);
 * zones round-robin when the topology declares them, else one per process.
 */
export function buildCluster<S extends IncarnationScope>(spec: ClusterSpec<S>): Cluster<S> {
  const { world, providers, registry } = spec;
  const topology = spec.plan.topology;
  const addressesByRole = new Map(mapPacked(topology.roles, (r) => [r.name, mapPacked(spec.places.filter((p) => p.role === r.name), (p) => p.address)] as const));
  const injectorFor = (p: ClusterProcess<S>): Injector => {
    const own = providers.process(p);
    return new Injector(
      new Map<unknown, unknown>([
        [TimeProvider, own.time],
        [TaskProvider, own.task],
        [RandomProvider, own.random],
        [NetworkProvider, own.network],
        [TopologyInfo, new TopologyInfo(p.role, p.index, p.address, addressesByRole, p.signal, p.zone, p.incarnation)],
        [StateRegistry, registry],
        [ScriptedFaults, providers.networkFaults],
        [ProcessFaults, new ClusterProcessFaults(world, supervisor, p.scope)],
        [StorageProvider, own.storage],
      ]),
    );
  };
  const supervisor = new Supervisor(world, registry, injectorFor, spec.run);
  spec.places.forEach(({ role, index, host, address }, slot) => {
    const id = `${role}#${index}`;
    const scope = world.scope(id);
    const process: ClusterProcess<S> = {
      id, role, index, host, address,
      definition: topology.roles.find((r) => r.name === role)!.workload,
      zone: topology.zones === undefined ? slot : slot % topology.zones,
      incarnation: 0, up: true, stopping: false, ready: false, runReturned: false,
      scope, signal: supervisor.signal(scope), injector: undefined as unknown as Injector,
    };
    process.injector = injectorFor(process);
    supervisor.processes.push(process);
  });
  const shared = providers.shared();
  const sharedInjector = new Injector(
    new Map<unknown, unknown>([
      [TimeProvider, shared.time],
      [TaskProvider, shared.task],
      [RandomProvider, shared.random],
      [StateRegistry, registry],
      [ScriptedFaults, providers.networkFaults],
      [ProcessFaults, new ClusterProcessFaults(world, supervisor)],
    ]),
  );
  const attrition = spec.attrition && new Attrition(world, supervisor, spec.attrition, spec.attritionRandom);
  return {
    world,
    topology,
    processes: supervisor.processes,
    invariants: topology.invariants,
    sharedInjector,
    registry,
    supervisor,
    livenessTimeoutMs: spec.livenessTimeoutMs,
    startAttrition: () => attrition?.start(),
    enterLiveness: () => {
      attrition?.stop();
      spec.calm();
      supervisor.enterLiveness();
    },
    close: () => {
      attrition?.stop();
      supervisor.close();
    },
  };
}
