import { attachChaos, type ChaosContext } from '../chaos/chaos-context.js';
import { StateRegistry } from '../chaos/state-registry.js';
import { mapPacked } from '../core/packed-array.js';
import type { SimWorld } from '../core/world.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { RandomProvider } from '../providers/random-provider.js';
import { SimRandomProvider } from '../providers/sim-random-provider.js';
import { SimTaskProvider } from '../providers/sim-task-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { TaskProvider } from '../providers/task-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { ScriptedFaults } from '../network/scripted-faults.js';
import { SimNetwork } from '../network/sim-network.js';
import { Injector } from './injection.js';
import { drawCounts } from './layout-spec.js';
import type { CasePlan } from './layouts.js';
import type { SeedRunOptions } from './seed-options.js';
import { TaskScope } from '../core/task-scope.js';
import { StorageProvider } from '../storage/storage-provider.js';
import { HostDisks } from './host-disks.js';
import { HostStorage } from './host-storage.js';
import { Attrition } from './attrition.js';
import { attritionFor, type AttritionConfig } from './attrition-options.js';
import { ProcessFaults } from './process-faults.js';
import { SimProcessFaults } from './sim-process-faults.js';
import type { SeedCluster, SimProcess } from './sim-process.js';
import { Supervisor } from './supervisor.js';
import { TopologyInfo } from './topology-info.js';

export interface BuiltCluster {
  cluster: SeedCluster;
  network: SimNetwork;
  chaos: ChaosContext;
  counts: Record<string, number>;
  /** The seed's attrition, if any runs. */
  attrition: AttritionConfig | undefined;
  /** The hosts' simulated disks (made on first use). */
  disks: HostDisks;
}

/**
 * Draws the seed's options from `world.rng.config` in a fixed order (layout sizes, network,
 * chaos), then builds the simulated network and one process per instance: hosts 10.0.0.1, .2 …
 * in role declaration order, each with its own providers and TopologyInfo.
 */
export function buildCluster(world: SimWorld, plan: CasePlan, options: SeedRunOptions): BuiltCluster {
  const topology = plan.topology;
  const roles = mapPacked(topology.roles, (r) => r.name);
  const counts = drawCounts(roles, plan.layout, (lo, hi) => world.rng.config.int(lo, hi));
  const config = resolveNetworkConfig(options.network ?? topology.network ?? 'default', world.rng.config, { swarm: options.swarm ?? false });
  const network = new SimNetwork(world, config);
  const chaos = attachChaos(world, { buggify: options.buggify ?? topology.buggify, projectRoot: options.projectRoot ?? process.cwd() });
  const registry = new StateRegistry();
  const random = () => new SimRandomProvider(world.rng.user);
  const disks = new HostDisks(world, options.storage ?? topology.storage ?? 'default', options.swarm ?? false);

  const slots: { role: string; index: number; ip: string }[] = [];
  for (const role of roles) for (let index = 0; index < counts[role]; index++) slots.push({ role, index, ip: `10.0.0.${slots.length + 1}` });
  const addressesByRole = new Map(mapPacked(roles, (role) => [role, mapPacked(slots.filter((s) => s.role === role), (s) => `${s.ip}:${topology.port}`)]));
  const processes: SimProcess[] = [];
  const injectorFor = (p: SimProcess): Injector => {
    p.storage = new HostStorage(world, disks, p.ip);
    return new Injector(
      new Map<unknown, unknown>([
        [TimeProvider, new SimTimeProvider(world, () => network.clockOffsetMs(p.ip))],
        [TaskProvider, new SimTaskProvider(world, `${p.id}/`, p.scope)],
        [RandomProvider, random()],
        [NetworkProvider, network.provider(p.ip)],
        [TopologyInfo, new TopologyInfo(p.role, p.index, p.address, addressesByRole, p.signal, p.zone, p.incarnation)],
        [StateRegistry, registry],
        [ScriptedFaults, network.faults],
        [ProcessFaults, processFaults],
        [StorageProvider, p.storage],
      ]),
    );
  };
  const supervisor: Supervisor = new Supervisor(world, processes, network, registry, injectorFor);
  const processFaults: SimProcessFaults = new SimProcessFaults(world, supervisor);
  supervisor.onHalt.push((p, how) => {
    p.storage?.invalidate();
    if (how === 'crash') disks.crash(p.ip);
    else if (how === 'wipe') disks.erase(p.ip);
  });
  slots.forEach(({ role, index, ip }, slot) => {
    const id = `${role}#${index}`;
    const definition = topology.roles.find((r) => r.name === role)!.workload;
    const process: SimProcess = {
      id, role, index, ip, address: `${ip}:${topology.port}`, definition,
      zone: topology.zones === undefined ? slot : slot % topology.zones,
      incarnation: 0, up: true, stopping: false, ready: false, runReturned: false,
      scope: new TaskScope(id), signal: supervisor.signal(), injector: undefined as unknown as Injector,
    };
    process.injector = injectorFor(process);
    processes.push(process);
  });
  // Only a topology that declares zones changes how random partitions cut (and so its draws).
  network.setZones(new Map(mapPacked(processes, (p) => [p.ip, p.zone])), topology.zones !== undefined);
  const sharedInjector = new Injector(
    new Map<unknown, unknown>([
      [TimeProvider, new SimTimeProvider(world)],
      [TaskProvider, new SimTaskProvider(world, 'topology/')],
      [RandomProvider, random()],
      [StateRegistry, registry],
      [ScriptedFaults, network.faults],
      [ProcessFaults, processFaults],
    ]),
  );
  const attritionConfig = attritionFor(plan.topology, plan.layout, options.attrition, processes.length);
  const attrition = attritionConfig && new Attrition(world, supervisor, attritionConfig, world.rng.attrition);
  const cluster: SeedCluster = {
    world,
    topology,
    processes,
    invariants: topology.invariants,
    sharedInjector,
    registry,
    supervisor,
    livenessTimeoutMs: options.livenessTimeoutMs ?? topology.livenessTimeoutMs,
    startAttrition: () => attrition?.start(),
    enterLiveness: () => {
      attrition?.stop();
      network.setChaos(false);
      disks.setFaultsEnabled(false);
      chaos.setLiveness(true);
      supervisor.enterLiveness();
    },
  };
  return { cluster, network, chaos, counts, attrition: attritionConfig, disks };
}
