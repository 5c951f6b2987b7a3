import { attachChaos, type ChaosContext } from '../chaos/chaos-context.js';
import { StateRegistry } from '../chaos/state-registry.js';
import { mapPacked } from '../core/packed-array.js';
import type { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import { buildCluster, type Cluster, type ProcessPlace } from '../lifecycle/cluster.js';
import { SimRandomProvider } from '../providers/sim-random-provider.js';
import { SimTaskProvider } from '../providers/sim-task-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { drawCounts } from '../model/layout-spec.js';
import type { CasePlan } from '../model/layouts.js';
import type { SeedRunOptions } from './seed-options.js';
import type { ClusterProcess } from '../lifecycle/cluster-process.js';
import { HostDisks } from './host-disks.js';
import { HostStorage } from './host-storage.js';
import { attritionFor, type AttritionConfig } from '../model/attrition-options.js';
import { SimLifecycleWorld } from './sim-lifecycle-world.js';
import { compactDiff } from '../timeline/state-diff.js';

export interface BuiltCluster {
  cluster: Cluster<TaskScope>;
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
 * chaos), then builds the simulated network and the cluster on it: hosts 10.0.0.1, .2 … in role
 * declaration order, each process with simulated providers of its own.
 */
export function buildSeedCluster(world: SimWorld, plan: CasePlan, options: SeedRunOptions): BuiltCluster {
  const topology = plan.topology;
  const roles = mapPacked(topology.roles, (r) => r.name);
  const counts = drawCounts(roles, plan.layout, (lo, hi) => world.rng.config.int(lo, hi));
  const config = resolveNetworkConfig(options.network ?? topology.network ?? 'default', world.rng.config, { swarm: options.swarm ?? false });
  const network = new SimNetwork(world, config);
  const chaos = attachChaos(world, { buggify: options.buggify ?? topology.buggify, projectRoot: options.projectRoot ?? process.cwd() });
  const registry = new StateRegistry();
  const random = () => new SimRandomProvider(world.rng.user);
  const disks = new HostDisks(world, options.storage ?? topology.storage ?? 'default', options.swarm ?? false);

  const places: ProcessPlace[] = [];
  for (const role of roles) {
    for (let index = 0; index < counts[role]; index++) {
      const ip = `10.0.0.${places.length + 1}`;
      places.push({ role, index, host: ip, address: `${ip}:${topology.port}` });
    }
  }
  // The current incarnation's storage of each process, closed when it stops.
  const storages = new Map<ClusterProcess<TaskScope>, HostStorage>();
  const attrition = attritionFor(topology, plan.layout, options.attrition, places.length);
  const cluster = buildCluster({
    world: new SimLifecycleWorld(world, network),
    plan,
    places,
    providers: {
      process: (p) => {
        const storage = new HostStorage(world, disks, p.host);
        storages.set(p, storage);
        return {
          storage,
          time: new SimTimeProvider(world, () => network.clockOffsetMs(p.host)),
          task: new SimTaskProvider(world, `${p.id}/`, p.scope),
          random: random(),
          network: network.provider(p.host),
        };
      },
      shared: () => ({ time: new SimTimeProvider(world), task: new SimTaskProvider(world, 'topology/'), random: random() }),
      networkFaults: network.faults,
    },
    registry,
    attrition,
    attritionRandom: world.rng.attrition,
    livenessTimeoutMs: options.livenessTimeoutMs ?? topology.livenessTimeoutMs,
    run: `seed ${world.seed}`,
    calm: () => {
      network.setChaos(false);
      disks.setFaultsEnabled(false);
      chaos.setLiveness(true);
    },
  });
  cluster.supervisor.onHalt.push((p, how) => {
    storages.get(p)?.invalidate();
    if (how === 'crash') disks.crash(p.host);
    else if (how === 'wipe') disks.erase(p.host);
  });
  const timeline = world.timeline;
  if (timeline !== undefined) {
    for (const p of cluster.processes) timeline.nameHost(p.host, p.id);
    registry.onChange = (key, before, after, existed, deleted) => {
      const text = deleted ? `${key} deleted` : compactDiff(key, before, after, existed);
      timeline.record(timeline.runningProcess(), 'state', text, { fields: { key } });
    };
  }
  // Only a topology that declares zones changes how random partitions cut (and so its draws).
  network.setZones(new Map(mapPacked(cluster.processes, (p) => [p.host, p.zone])), topology.zones !== undefined);
  return { cluster, network, chaos, counts, attrition, disks };
}
