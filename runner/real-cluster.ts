// The processes of a --real run: one per layout slot on its own loopback port (kept across
// reboots), each incarnation built by the library's injector from production providers that share
// its kill switch (ProcessLife), with the same tokens as in simulation, ProcessFaults and
// NetworkFaults included.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RealProcess, RealProcessSlot, RealSupervisor } from '../src/index.js';
import type { CasePlan } from './library-instance.js';
import type { Library } from './library-instance.js';
import { LOOPBACK } from './loopback-ports.js';
import { PhaseError } from './phase-error.js';

export interface RealClusterOptions {
  /** `--attrition`: 'off' disables the topology's, 'on' adds the default one; undefined: the topology's own. */
  attrition?: 'on' | 'off';
  /** A process went down or came up. */
  onProcessesChanged?: () => void;
  /** Folder holding each process's storage folder (`role-index`), kept across its reboots. */
  storageRoot: string;
}

export function buildRealCluster(lib: Library, plan: CasePlan, ports: number[], options: RealClusterOptions) {
  const topology = plan.topology;
  const slots: RealProcessSlot[] = [];
  for (const { name: role, workload } of topology.roles) {
    const count = plan.layout.counts[role];
    // A [min, max] range runs its minimum: one fixed shape per real run.
    for (let index = 0; index < (typeof count === 'number' ? count : count[0]); index++) {
      const slot = slots.length;
      const zone = topology.zones === undefined ? slot : slot % topology.zones;
      slots.push({ id: `${role}#${index}`, role, index, address: `${LOOPBACK}:${ports[slot]}`, zone, definition: workload });
    }
  }
  const addressesByRole = new Map(topology.roles.map((r) => [r.name, slots.filter((s) => s.role === r.name).map((s) => s.address)]));
  const registry = new lib.StateRegistry();
  const networkFaults = new lib.RealNetworkFaults();
  const build = <T>(injector: InstanceType<Library['Injector']>, target: new (...args: never[]) => T, file: string, where: string): T => {
    try {
      return injector.construct(target as never, file) as T;
    } catch (error) {
      throw new PhaseError(error instanceof lib.InjectionError ? 'injection' : 'setup', `${where} constructor`, file, error);
    }
  };
  const storageOf = (p: RealProcess) => join(options.storageRoot, `${p.role}-${p.index}`);
  // Fresh providers for the process's current incarnation, all killed with it.
  const injectorFor = (p: RealProcess) => {
    const storage = new lib.NodeStorageProvider(storageOf(p));
    p.life.onKill(() => void storage.closeAll());
    return new lib.Injector(
      new Map<unknown, unknown>([
        [lib.TimeProvider, new lib.NodeTimeProvider(p.life)],
        [lib.TaskProvider, new lib.NodeTaskProvider(p.life)],
        [lib.RandomProvider, new lib.NodeRandomProvider()],
        [lib.NetworkProvider, new lib.NodeNetworkProvider(p.life)],
        [lib.TopologyInfo, new lib.TopologyInfo(p.role, p.index, p.address, addressesByRole, p.signal, p.zone, p.incarnation)],
        [lib.StateRegistry, registry],
        [lib.NetworkFaults, networkFaults],
        [lib.ProcessFaults, new lib.RealProcessFaults(supervisor, p.life)],
        [lib.StorageProvider, storage],
      ]),
    );
  };
  const supervisor: RealSupervisor = new lib.RealSupervisor(slots, registry, {
    construct: (p) => build(injectorFor(p), p.definition.target, p.definition.file, p.incarnation === 0 ? p.id : `${p.id}@${p.incarnation}`),
    failure: (kind, where, file, error) => new PhaseError(kind, where, file, error),
    changed: () => options.onProcessesChanged?.(),
    // A wipe erases the process's folder; the next incarnation's provider makes it anew.
    halted: (p, how) => how === 'wipe' && rmSync(storageOf(p), { recursive: true, force: true }),
  });
  const attritionConfig = lib.attritionFor(topology, plan.layout, options.attrition, slots.length);
  let topologyInstance: { check?(): unknown } = {};
  const invariants: { name: string; file: string; check: () => void }[] = [];
  return {
    addressesByRole,
    supervisor,
    /** The attrition's settings for the result's options, if any runs. */
    attritionText: attritionConfig && lib.describeAttrition(attritionConfig),
    /** The run's attrition, if any (real timers, crypto randomness). */
    attrition: attritionConfig && new lib.RealAttrition(supervisor, attritionConfig),
    invariants,
    topologyInstance: () => topologyInstance,
    /** Constructs every process, the invariants and the topology class, in that order. */
    construct(): void {
      supervisor.constructAll();
      const shared = new lib.Injector(
        new Map<unknown, unknown>([
          [lib.TimeProvider, new lib.NodeTimeProvider()],
          [lib.TaskProvider, new lib.NodeTaskProvider()],
          [lib.RandomProvider, new lib.NodeRandomProvider()],
          [lib.StateRegistry, registry],
          [lib.NetworkFaults, networkFaults],
          [lib.ProcessFaults, new lib.RealProcessFaults(supervisor)],
        ]),
      );
      const state = registry.snapshot();
      for (const inv of topology.invariants) {
        const instance = build(shared, inv.target, inv.file, `invariant ${inv.name}`);
        invariants.push({ name: inv.name, file: inv.file, check: () => instance.check(state) });
      }
      topologyInstance = build(shared, topology.target, topology.file, topology.target.name);
    },
  };
}
