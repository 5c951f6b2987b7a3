import { watchInvariants } from '../chaos/invariants.js';
import { SimulationError } from '../core/errors.js';
import type { SimEvent } from '../core/event.js';
import { mapPacked } from '../core/packed-array.js';
import type { SimTask } from '../core/task.js';
import type { SimWorld } from '../core/world.js';
import type { TopologyInstance } from './definitions.js';
import { LivenessError, type PendingTask } from './lifecycle-errors.js';
import { constructInstance, lifecycleTask } from './lifecycle-task.js';
import type { SeedCluster } from './sim-process.js';

type Task = SimTask<unknown>;

/** A simulated-time bound: an event that only raises a flag the phase's isDone reads. */
class Deadline {
  expired = false;
  private readonly event: SimEvent;

  constructor(world: SimWorld, ms: number, kind: string) {
    this.event = world.schedule(ms, kind, () => (this.expired = true));
  }

  cancel(): void {
    this.event.cancelled = true;
  }
}

const allFinished = (tasks: readonly Task[]) => () => tasks.every((t) => t.finished);

/** Runs the world until `done()` holds (true) or the deadline passed (false). */
async function runUntil(world: SimWorld, done: () => boolean, deadline?: Deadline): Promise<boolean> {
  await world.run(() => done() || deadline?.expired === true);
  return done();
}

function stamped<E extends SimulationError>(world: SimWorld, error: E): E {
  error.seed = world.seed;
  error.simTimeMs = world.nowMs;
  error.eventIndex = world.eventIndex;
  return error;
}

const waitsOf = (tasks: readonly Task[]): PendingTask[] =>
  tasks.filter((t) => !t.finished).map((t) => ({ name: t.name, awaiting: t.describeWaits() }));

/** Fresh instances of every workload, invariant and the topology class; invariants armed. */
async function constructAll(cluster: SeedCluster): Promise<TopologyInstance> {
  let topology: TopologyInstance | undefined;
  const task = lifecycleTask(cluster.world, 'construct', undefined, () => {
    for (const p of cluster.processes) p.instance = constructInstance(p.injector, p.definition.target, p.definition.file, p.id);
    const checks = mapPacked(cluster.invariants, (inv) => {
      const instance = constructInstance(cluster.sharedInjector, inv.target, inv.file, `invariant ${inv.name}`);
      return { name: inv.name, file: inv.file, check: instance.check.bind(instance) };
    });
    const def = cluster.topology;
    topology = constructInstance(cluster.sharedInjector, def.target, def.file, def.target.name);
    watchInvariants(cluster.world, cluster.registry, checks);
  });
  await runUntil(cluster.world, allFinished([task]));
  return topology as TopologyInstance;
}

/**
 * The lifecycle of one seed: construct, setup() one process at a time, run() (safety phase,
 * with faults and attrition) until every non-service workload is up and its run() returned,
 * then the liveness phase: faults stop, down processes restart, each check() and the topology's
 * check() must finish within the bound, and finally services are told to shut down and must
 * return. Throws the seed's failure.
 */
export async function runPhases(cluster: SeedCluster): Promise<void> {
  const { world, processes, supervisor } = cluster;
  const topology = await constructAll(cluster);
  for (const p of processes) {
    const instance = p.instance!;
    if (typeof instance.setup === 'function') {
      const owner = { where: p.id, className: p.definition.target.name, file: p.definition.file };
      await runUntil(world, allFinished([lifecycleTask(world, `${p.id}.setup`, owner, () => instance.setup!(), p.scope)]));
    }
    p.ready = true;
  }
  supervisor.startRuns();
  cluster.startAttrition();
  await runUntil(world, () => supervisor.safetyDone());

  cluster.enterLiveness();
  await bounded(cluster, 'check', async (deadline) => {
    // Processes restarted just now are set up before anyone's check() runs.
    if (!(await runUntil(world, () => supervisor.allReady(), deadline))) return supervisor.pendingTasks((p) => p.up && p.ready);
    const checking = processes.filter((p) => typeof p.instance!.check === 'function');
    const checks = mapPacked(checking, (p) => lifecycleTask(world, `${p.id}.check`, undefined, () => p.instance!.check!(), p.scope));
    if (!(await runUntil(world, allFinished(checks), deadline))) return waitsOf(checks);
    if (typeof topology.check !== 'function') return [];
    const own = [lifecycleTask(world, 'topology.check', undefined, () => topology.check!())];
    return (await runUntil(world, allFinished(own), deadline)) ? [] : waitsOf(own);
  });

  world.schedule(0, 'shutdown', () => supervisor.shutdown(), true);
  await bounded(cluster, 'shutdown', async (deadline) =>
    (await runUntil(world, () => supervisor.allReturned(), deadline)) ? [] : supervisor.pendingTasks((p) => p.up && p.runReturned),
  );
}

/** Runs `body` under a liveness deadline; the tasks it returns as pending fail the seed. */
async function bounded(cluster: SeedCluster, stage: 'check' | 'shutdown', body: (deadline: Deadline) => Promise<PendingTask[]>): Promise<void> {
  const deadline = new Deadline(cluster.world, cluster.livenessTimeoutMs, `${stage}-deadline`);
  const pending = await body(deadline);
  deadline.cancel();
  if (pending.length === 0) return;
  throw stamped(cluster.world, new LivenessError(stage, cluster.livenessTimeoutMs, pending));
}
