// `--real`: one run of a case on production providers (real TCP over 127.0.0.1, real timers,
// crypto randomness), with the invariants checked periodically and check() at the end: the
// proof that the code tested in simulation is the code that ships. Processes crash and reboot
// as in simulation (ProcessFaults, attrition), on real timers. Runs inside a seed worker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailureInfo, FailureKind, RebootInfo, SeedResult } from '../src/index.js';
import type { CasePlan } from './library-instance.js';
import type { Library } from './library-instance.js';
import { LOOPBACK, freeLoopbackPorts } from './loopback-ports.js';
import { buildRealCluster } from './real-cluster.js';
import { PhaseError } from './phase-error.js';

/** How often the invariants look at the registered state during a real run. */
export const REAL_INVARIANT_PERIOD_MS = 10;

/** Runs a lifecycle step; its error becomes a PhaseError (`within` bounds it in real
 * milliseconds, `failed` is the run's failure elsewhere, which ends the step at once). */
async function step(
  kind: FailureKind,
  where: string | (() => string),
  file: string | undefined,
  work: () => unknown,
  failed: Promise<never>,
  withinMs?: number,
): Promise<void> {
  const name = () => (typeof where === 'string' ? where : where());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = withinMs === undefined ? [] : [new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PhaseError('liveness', name(), file, new Error(`did not finish within ${withinMs} ms`))), withinMs);
  })];
  try {
    await Promise.race([Promise.resolve().then(work), failed, ...bound]);
  } catch (error) {
    throw error instanceof PhaseError ? error : new PhaseError(kind, name(), file, error);
  } finally {
    clearTimeout(timer);
  }
}

/** Reboots by kind, named as a simulated seed's fault counts name them (only kinds that happened). */
function rebootCounts(reboots: readonly RebootInfo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const names = { graceful: 'rebootGraceful', crash: 'rebootCrash', wipe: 'rebootWipe' } as const;
  for (const { kind } of reboots) counts[names[kind]] = (counts[names[kind]] ?? 0) + 1;
  return counts;
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

/** What a real run takes from the command line. */
export interface RealRunOptions {
  /** Real ms check() and the services' shutdown get (default: the topology's livenessTimeoutMs). */
  livenessMs?: number;
  /** `--attrition`: undefined runs the topology's own. */
  attrition?: 'on' | 'off';
  /** `--keep-storage`: leave the processes' storage folders (a temporary folder) for inspection. */
  keepStorage?: boolean;
}

/** Runs the case once for real: construct, setup() in turn, run() with the attrition (if any)
 * until every non-service process's run() returned, then every down process restarts and
 * check() runs within the liveness bound (real milliseconds: `livenessMs`, else the
 * topology's), then services shut down. The invariants run periodically and whenever a process
 * goes down or comes up. Every process is killed at the end, so nothing of the run lingers.
 * Never throws for a failure of the workloads. */
export async function runRealCase(lib: Library, plan: CasePlan, replay: string, options: RealRunOptions = {}): Promise<SeedResult> {
  const startMs = performance.now();
  const topology = plan.topology;
  const processCount = topology.roles.reduce((n, r) => {
    const count = plan.layout.counts[r.name];
    return n + (typeof count === 'number' ? count : count[0]);
  }, 0);
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
  const storageRoot = mkdtempSync(join(tmpdir(), `moonpool-real-${topology.name}-`));
  const cluster = buildRealCluster(lib, plan, await freeLoopbackPorts(processCount), {
    attrition: options.attrition,
    onProcessesChanged: checkInvariants,
    storageRoot,
  });
  const { supervisor, attrition } = cluster;
  const { processes, failed } = supervisor;
  const bound = options.livenessMs ?? topology.livenessTimeoutMs;
  let monitor: ReturnType<typeof setInterval> | undefined;
  try {
    await step('setup', 'construct', topology.file, () => cluster.construct(), failed);
    monitor = setInterval(checkInvariants, REAL_INVARIANT_PERIOD_MS);
    for (const p of processes) {
      await step('setup', `${p.id}.setup`, p.definition.file, () => p.instance!.setup?.(), failed);
      p.ready = true;
    }
    supervisor.startRuns();
    attrition?.start();
    // The safety phase: until every non-service process is up and its run() returned.
    await supervisor.until(() => supervisor.safetyDone());
    attrition?.stop();
    await supervisor.enterLiveness();
    const restarting = () => `restart of ${supervisor.pending((p) => p.up && p.ready)}`;
    await step('liveness', restarting, topology.file, () => supervisor.until(() => supervisor.allReady()), failed, bound);
    await Promise.all(processes.map((p) => step('assertion', `${p.id}.check`, p.definition.file, () => p.instance!.check?.(), failed, bound)));
    await step('assertion', 'topology.check', topology.file, () => cluster.topologyInstance().check?.(), failed, bound);
    supervisor.shutdown();
    const returning = () => `shutdown of ${supervisor.pending((p) => p.up && p.runReturned)}`;
    await step('liveness', returning, topology.file, () => supervisor.until(() => supervisor.allReturned()), failed, bound);
    checkInvariants();
  } catch (error) {
    failure ??= error instanceof PhaseError ? error : new PhaseError('task', plan.caseId, topology.file, error);
  } finally {
    clearInterval(monitor);
    attrition?.stop();
    await supervisor.close();
    if (!options.keepStorage) rmSync(storageRoot, { recursive: true, force: true });
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
    faults: rebootCounts(supervisor.reboots),
    options: {
      real: true,
      addresses: Object.fromEntries(cluster.addressesByRole),
      ...(cluster.attritionText ? { attrition: cluster.attritionText } : {}),
      ...(options.keepStorage ? { storage: storageRoot } : {}),
    },
    replay,
    ...(supervisor.reboots.length > 0 ? { reboots: supervisor.reboots } : {}),
  };
}
