import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateRegistry } from '../chaos/state-registry.js';
import { realGlobals } from '../core/real-globals.js';
import { buildCluster, type Cluster, type ProcessPlace } from '../lifecycle/cluster.js';
import { ownerOfTask } from '../lifecycle/cluster-process.js';
import { runPhases } from '../lifecycle/run-phases.js';
import { ScriptedFaults } from '../network/scripted-faults.js';
import { NodeRandomProvider } from '../providers/node-random-provider.js';
import { NodeStorageProvider } from '../storage/node-storage-provider.js';
import { NodeTaskProvider } from '../providers/node-task-provider.js';
import { NodeTimeProvider } from '../providers/node-time-provider.js';
import type { ProcessLife } from '../providers/process-life.js';
import { attritionFor, describeAttrition } from '../model/attrition-options.js';
import { toFailureInfo } from '../model/failure.js';
import { drawCounts } from '../model/layout-spec.js';
import { casesOfTopology, type CasePlan } from '../model/layouts.js';
import type { Constructor } from '../model/definitions.js';
import { SetupError } from '../model/lifecycle-errors.js';
import { seedReplays } from '../sim/replay.js';
import type { SeedResult } from '../model/report.js';
import type { SeedRunOptions } from '../sim/seed-options.js';
import { freeLoopbackPorts, LOOPBACK } from './loopback-ports.js';
import { RealLifecycleWorld } from './real-lifecycle-world.js';
import { RealNetwork } from './real-network.js';

/** The seed a --real run reports: it draws nothing from a seed. */
export const REAL_RUN_SEED = 0;

/** What a --real run reads of a seed's options, and where its processes' storage goes. */
export interface RealRunOptions extends Pick<SeedRunOptions, 'livenessTimeoutMs' | 'attrition'> {
  /** Leave the processes' storage folders (under a temporary root) for inspection. */
  keepStorage?: boolean;
}

export interface RealTopologyOptions extends RealRunOptions {
  /** The @Topology class to run. */
  topology: Constructor;
  /** The layout to run (`1x1`); default the topology's first. */
  layout?: string;
}

/** Runs a topology once on production providers, as `moonpool-test --real` does: see runRealCase. */
export async function runReal(options: RealTopologyOptions): Promise<SeedResult> {
  const { topology, layout, ...realOptions } = options;
  const [plan] = casesOfTopology('runReal', topology, layout === undefined ? undefined : [layout]).plans;
  return runRealCase(plan, realOptions);
}

/**
 * Runs a case once on production providers (real TCP over 127.0.0.1, real timers, crypto
 * randomness, real files): the proof that the code tested in simulation is the code that ships.
 * The same lifecycle as a simulated seed (runPhases: construct, setup() in turn, run() with the
 * attrition and the nemeses' ProcessFaults and NetworkFaults, then every down process restarts,
 * check() within the liveness bound in real ms, and services shut down), with invariants checked
 * at every change of a process and periodically. A layout's [min, max] range runs its minimum.
 * Every incarnation is killed at the end, so nothing of the run lingers. Never throws for a
 * failure of the workloads.
 */
export async function runRealCase(plan: CasePlan, options: RealRunOptions = {}): Promise<SeedResult> {
  const startMs = realGlobals.performanceNow();
  const topology = plan.topology;
  const counts = drawCounts(topology.roles.map((r) => r.name), plan.layout, (lo) => lo);
  const ports = await freeLoopbackPorts(Object.values(counts).reduce((sum, count) => sum + count, 0));
  const places: ProcessPlace[] = [];
  for (const { name: role } of topology.roles) {
    for (let index = 0; index < counts[role]; index++) {
      const address = `${LOOPBACK}:${ports[places.length]}`;
      places.push({ role, index, host: address, address });
    }
  }
  const replay = seedReplays(topology, plan.layout.name, options, true)(REAL_RUN_SEED);
  const storageRoot = mkdtempSync(join(tmpdir(), `moonpool-real-${topology.name}-`));
  const storageOf = (p: { role: string; index: number }) => join(storageRoot, `${p.role}-${p.index}`);
  const world = new RealLifecycleWorld();
  const network = new RealNetwork(places.map((p) => p.host));
  const random = new NodeRandomProvider();
  let attritionText: string | undefined;
  let built: Cluster<ProcessLife> | undefined;
  let error: unknown;
  try {
    try {
      const attrition = attritionFor(topology, plan.layout, options.attrition, places.length);
      attritionText = attrition && describeAttrition(attrition);
      built = buildCluster({
        world,
        plan,
        places,
        providers: {
          process: (p) => {
            const storage = new NodeStorageProvider(storageOf(p));
            p.scope.onKill(() => void storage.closeAll());
            return {
              storage,
              time: new NodeTimeProvider(p.scope),
              task: new NodeTaskProvider(p.scope),
              random: new NodeRandomProvider(),
              network: network.provider(p.host, p.scope),
            };
          },
          shared: () => ({ time: new NodeTimeProvider(), task: new NodeTaskProvider(), random: new NodeRandomProvider() }),
          networkFaults: new ScriptedFaults(network),
        },
        registry: new StateRegistry(),
        attrition,
        attritionRandom: {
          float: () => random.random(),
          between: (lo, hi) => lo + (hi - lo) * random.random(),
          pick: (items) => random.pick(items),
        },
        livenessTimeoutMs: options.livenessTimeoutMs ?? topology.livenessTimeoutMs,
        run: '--real run',
        calm: () => network.heal(),
      });
    } catch (cause) {
      throw new SetupError(plan.caseId, topology.target.name, topology.file, 'options', cause);
    }
    // A wipe erases the process's folder; its next incarnation's provider makes it anew.
    built.supervisor.onHalt.push((p, how) => how === 'wipe' && rmSync(storageOf(p), { recursive: true, force: true }));
    network.zones = new Map(built.processes.map((p) => [p.host, p.zone]));
    await runPhases(built);
  } catch (caught) {
    error = caught;
  } finally {
    const cluster = built;
    if (cluster !== undefined) await world.between(() => cluster.close());
    world.dispose();
    if (!options.keepStorage) rmSync(storageRoot, { recursive: true, force: true });
  }
  const reboots = built?.supervisor.reboots ?? [];
  const faults: Record<string, number> = { ...network.counts };
  const rebootCounts = built?.supervisor.counts;
  if (rebootCounts !== undefined) {
    if (rebootCounts.graceful > 0) faults.rebootGraceful = rebootCounts.graceful;
    if (rebootCounts.crash > 0) faults.rebootCrash = rebootCounts.crash;
    if (rebootCounts.wipe > 0) faults.rebootWipe = rebootCounts.wipe;
  }
  const result: SeedResult = {
    caseId: plan.caseId,
    topology: topology.name,
    layout: plan.layout.name,
    seed: REAL_RUN_SEED,
    ok: error === undefined,
    events: 0,
    simTimeMs: 0,
    wallMs: realGlobals.performanceNow() - startMs,
    traceHash: '',
    coverage: [],
    faults,
    options: {
      real: true,
      addresses: Object.fromEntries(topology.roles.map((r) => [r.name, places.filter((p) => p.role === r.name).map((p) => p.address)])),
      ...(attritionText !== undefined ? { attrition: attritionText } : {}),
      ...(options.keepStorage ? { storage: storageRoot } : {}),
    },
    replay,
  };
  if (reboots.length > 0) result.reboots = reboots;
  if (error !== undefined) {
    const cluster = built;
    result.failure = toFailureInfo(error, {
      seed: REAL_RUN_SEED,
      replay,
      simTimeMs: 0,
      eventIndex: 0,
      ownerOfTask: (task) => (cluster ? ownerOfTask(cluster, task) : undefined),
      realRun: `the real run of ${plan.caseId} over ${LOOPBACK}`,
    });
  }
  return result;
}
