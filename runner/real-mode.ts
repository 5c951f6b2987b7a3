// `--real`: one run of a case on production providers (real TCP over 127.0.0.1, real timers,
// crypto randomness), with the invariants checked periodically and check() at the end: the
// proof that the code tested in simulation is the code that ships. Runs inside a seed worker.
import type { FailureInfo, FailureKind, SeedResult } from '../src/index.js';
import type { CasePlan } from './library-instance.js';
import type { Library } from './library-instance.js';
import { LOOPBACK, freeLoopbackPorts } from './loopback-ports.js';
import { buildRealCluster } from './real-cluster.js';
import { PhaseError } from './phase-error.js';

/** How often the invariants look at the registered state during a real run. */
export const REAL_INVARIANT_PERIOD_MS = 10;

/** Runs a lifecycle step; its error becomes a PhaseError (`within` bounds it in real milliseconds). */
async function step(kind: FailureKind, where: string, file: string | undefined, work: () => unknown, withinMs?: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = withinMs === undefined ? [] : [new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PhaseError('liveness', where, file, new Error(`did not finish within ${withinMs} ms`))), withinMs);
  })];
  try {
    await Promise.race([Promise.resolve().then(work), ...bound]);
  } catch (error) {
    throw error instanceof PhaseError ? error : new PhaseError(kind, where, file, error);
  } finally {
    clearTimeout(timer);
  }
}

function toFailureInfo(failure: PhaseError, plan: CasePlan, replay: string): FailureInfo {
  return {
    kind: failure.kind,
    message:
      `${failure.kind} failure in ${failure.where}${failure.file ? ` (${failure.file})` : ''} during the real run of ${plan.caseId} over ${LOOPBACK}: ` +
      `${failure.message.replace(/\.?$/, '.')} Code that passes in simulation failed on real sockets and timers; rerun it with: ${replay}`,
    seed: 0,
    where: failure.where,
    file: failure.file,
    stack: failure.cause instanceof Error ? failure.cause.stack : undefined,
  };
}

/** Runs the case once for real: construct, setup() in turn, run(), check() within the liveness
 * bound (real milliseconds: `livenessMs`, else the topology's), then services shut down. Never
 * throws for a failure of the workloads. */
export async function runRealCase(lib: Library, plan: CasePlan, replay: string, livenessMs?: number): Promise<SeedResult> {
  const startMs = performance.now();
  const topology = plan.topology;
  const processCount = topology.roles.reduce((n, r) => {
    const count = plan.layout.counts[r.name];
    return n + (typeof count === 'number' ? count : count[0]);
  }, 0);
  const cluster = buildRealCluster(lib, plan, await freeLoopbackPorts(processCount));
  let failure: PhaseError | undefined;
  const checkInvariants = () => {
    for (const { name, file, check } of cluster.invariants) {
      try {
        check();
      } catch (error) {
        failure ??= new PhaseError('invariant', `invariant ${name}`, file, error);
      }
    }
  };
  let monitor: ReturnType<typeof setInterval> | undefined;
  try {
    await step('setup', 'construct', topology.file, () => cluster.construct());
    monitor = setInterval(checkInvariants, REAL_INVARIANT_PERIOD_MS);
    for (const p of cluster.processes) await step('setup', `${p.id}.setup`, p.file, () => p.instance().setup?.());
    const runs = cluster.processes.map((p) => step('task', `${p.id}.run`, p.file, () => p.instance().run()));
    for (const run of runs) run.catch(() => undefined);
    await Promise.all(runs.filter((_, i) => !cluster.processes[i].service));
    const bound = livenessMs ?? topology.livenessTimeoutMs;
    await Promise.all(cluster.processes.map((p) => step('assertion', `${p.id}.check`, p.file, () => p.instance().check?.(), bound)));
    await step('assertion', 'topology.check', topology.file, () => cluster.topologyInstance().check?.(), bound);
    cluster.shutdown.fire();
    await step('liveness', 'shutdown', topology.file, () => Promise.all(runs), bound);
    checkInvariants();
  } catch (error) {
    failure ??= error instanceof PhaseError ? error : new PhaseError('task', plan.caseId, topology.file, error);
  } finally {
    clearInterval(monitor);
    cluster.shutdown.fire();
  }
  const info = failure && toFailureInfo(failure, plan, replay);
  return {
    caseId: plan.caseId,
    topology: topology.name,
    layout: plan.layout.name,
    seed: 0,
    ok: info === undefined,
    ...(info ? { failure: info } : {}),
    events: 0,
    simTimeMs: 0,
    wallMs: performance.now() - startMs,
    traceHash: '',
    coverage: [],
    faults: {},
    options: { real: true, addresses: Object.fromEntries(cluster.addressesByRole) },
    replay,
  };
}
