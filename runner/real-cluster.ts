// The processes of a --real run: one per layout slot on its own loopback port, each built by
// the library's injector from production providers (the same tokens as in simulation).
import type { CasePlan } from './library-instance.js';
import type { Library } from './library-instance.js';
import { LOOPBACK } from './loopback-ports.js';
import { PhaseError } from './phase-error.js';

type Instance = { setup?(): unknown; run(): unknown; check?(): unknown };

export interface RealProcess {
  id: string;
  file: string;
  service: boolean;
  instance(): Instance;
}

export function buildRealCluster(lib: Library, plan: CasePlan, ports: number[]) {
  const topology = plan.topology;
  const slots: { role: string; index: number; address: string }[] = [];
  for (const { name: role } of topology.roles) {
    const count = plan.layout.counts[role];
    // A [min, max] range runs its minimum: one fixed shape per real run.
    for (let index = 0; index < (typeof count === 'number' ? count : count[0]); index++) slots.push({ role, index, address: `${LOOPBACK}:${ports[slots.length]}` });
  }
  const addressesByRole = new Map(topology.roles.map((r) => [r.name, slots.filter((s) => s.role === r.name).map((s) => s.address)]));
  const registry = new lib.StateRegistry();
  const shutdown = new lib.ShutdownSignal();
  const network = new lib.NodeNetworkProvider();
  const common = (): [unknown, unknown][] => [
    [lib.TimeProvider, new lib.NodeTimeProvider()],
    [lib.TaskProvider, new lib.NodeTaskProvider()],
    [lib.RandomProvider, new lib.NodeRandomProvider()],
    [lib.StateRegistry, registry],
  ];
  const build = <T>(injector: InstanceType<Library['Injector']>, target: new (...args: never[]) => T, file: string, where: string): T => {
    try {
      return injector.construct(target as never, file) as T;
    } catch (error) {
      throw new PhaseError(error instanceof lib.InjectionError ? 'injection' : 'setup', `${where} constructor`, file, error);
    }
  };
  const instances = new Map<string, Instance>();
  let topologyInstance: { check?(): unknown } = {};
  const invariants: { name: string; file: string; check: () => void }[] = [];
  const processes: RealProcess[] = slots.map((slot) => {
    const workload = topology.roles.find((r) => r.name === slot.role)!.workload;
    const id = `${slot.role}#${slot.index}`;
    return { id, file: workload.file, service: workload.service, instance: () => instances.get(id)! };
  });
  return {
    addressesByRole,
    shutdown,
    processes,
    invariants,
    topologyInstance: () => topologyInstance,
    /** Constructs every process, the invariants and the topology class, in that order. */
    construct(): void {
      for (const [i, slot] of slots.entries()) {
        const workload = topology.roles.find((r) => r.name === slot.role)!.workload;
        const info = new lib.TopologyInfo(slot.role, slot.index, slot.address, addressesByRole, shutdown);
        const injector = new lib.Injector(new Map([...common(), [lib.NetworkProvider, network], [lib.TopologyInfo, info]]));
        instances.set(processes[i].id, build(injector, workload.target, workload.file, processes[i].id));
      }
      const shared = new lib.Injector(new Map(common()));
      const state = registry.snapshot();
      for (const inv of topology.invariants) {
        const instance = build(shared, inv.target, inv.file, `invariant ${inv.name}`);
        invariants.push({ name: inv.name, file: inv.file, check: () => instance.check(state) });
      }
      topologyInstance = build(shared, topology.target, topology.file, topology.target.name);
    },
  };
}
