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
import { ShutdownSignal } from './shutdown-signal.js';
import type { SeedCluster, SimProcess } from './sim-process.js';
import { TopologyInfo } from './topology-info.js';

export interface BuiltCluster {
  cluster: SeedCluster;
  network: SimNetwork;
  chaos: ChaosContext;
  counts: Record<string, number>;
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
  const shutdown = new ShutdownSignal();
  const random = () => new SimRandomProvider(world.rng.user);

  const slots: { role: string; index: number; ip: string }[] = [];
  for (const role of roles) for (let index = 0; index < counts[role]; index++) slots.push({ role, index, ip: `10.0.0.${slots.length + 1}` });
  const addressesByRole = new Map(mapPacked(roles, (role) => [role, mapPacked(slots.filter((s) => s.role === role), (s) => `${s.ip}:${topology.port}`)]));
  const processes: SimProcess[] = mapPacked(slots, ({ role, index, ip }) => {
    const id = `${role}#${index}`;
    const address = `${ip}:${topology.port}`;
    const injector = new Injector(
      new Map<unknown, unknown>([
        [TimeProvider, new SimTimeProvider(world, () => network.clockOffsetMs(ip))],
        [TaskProvider, new SimTaskProvider(world, `${id}/`)],
        [RandomProvider, random()],
        [NetworkProvider, network.provider(ip)],
        [TopologyInfo, new TopologyInfo(role, index, address, addressesByRole, shutdown)],
        [StateRegistry, registry],
        [ScriptedFaults, network.faults],
      ]),
    );
    const definition = topology.roles.find((r) => r.name === role)!.workload;
    return { id, role, index, ip, address, definition, injector };
  });
  const sharedInjector = new Injector(
    new Map<unknown, unknown>([
      [TimeProvider, new SimTimeProvider(world)],
      [TaskProvider, new SimTaskProvider(world, 'topology/')],
      [RandomProvider, random()],
      [StateRegistry, registry],
      [ScriptedFaults, network.faults],
    ]),
  );
  const cluster: SeedCluster = {
    world,
    topology,
    processes,
    invariants: topology.invariants,
    sharedInjector,
    registry,
    shutdown,
    livenessTimeoutMs: options.livenessTimeoutMs ?? topology.livenessTimeoutMs,
    enterLiveness: () => {
      network.setChaos(false);
      chaos.setLiveness(true);
    },
  };
  return { cluster, network, chaos, counts };
}
