import { watchInvariants } from '../chaos/invariants.js';
import { SimulationError, TaskFailedError } from '../core/errors.js';
import type { SimEvent } from '../core/event.js';
import { mapPacked } from '../core/packed-array.js';
import type { SimTask } from '../core/task.js';
import type { SimWorld } from '../core/world.js';
import type { Constructor, TopologyInstance } from './definitions.js';
import type { Owner } from './failure.js';
import { InjectionError, type Injector } from './injection.js';
import { LivenessError, SetupError } from './lifecycle-errors.js';
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

/** Runs the world until every task finished (true) or the deadline passed (false). */
async function runUntil(world: SimWorld, tasks: readonly Task[], deadline?: Deadline): Promise<boolean> {
  const finished = () => tasks.every((t) => t.finished);
  await world.run(() => finished() || deadline?.expired === true);
  return finished();
}

function stamped<E extends SimulationError>(world: SimWorld, error: E): E {
  error.seed = world.seed;
  error.simTimeMs = world.nowMs;
  error.eventIndex = world.eventIndex;
  return error;
}

/** A required task running one lifecycle step; what it throws fails the seed with its kind
 * (`setupOf` marks a setup() step: a plain error there is a SetupError naming the process). */
function lifecycle(world: SimWorld, name: string, setupOf: Owner | undefined, fn: () => unknown): Task {
  return world.spawn<unknown>(
    name,
    async () => {
      try {
        await fn();
      } catch (error) {
        if (error instanceof SimulationError) world.fail(error);
        else if (setupOf !== undefined) world.fail(new SetupError(setupOf.where, setupOf.className, setupOf.file, 'setup()', error));
        else world.fail(new TaskFailedError(name, error));
      }
    },
    true,
  );
}

function construct<T>(injector: Injector, target: Constructor<T>, file: string, where: string): T {
  try {
    return injector.construct(target, file);
  } catch (error) {
    if (error instanceof InjectionError) error.where = where;
    if (error instanceof SimulationError) throw error;
    throw new SetupError(where, target.name, file, 'constructor', error);
  }
}

/** Fresh instances of every workload, invariant and the topology class; invariants armed. */
async function constructAll(cluster: SeedCluster): Promise<TopologyInstance> {
  let topology: TopologyInstance | undefined;
  const task = lifecycle(cluster.world, 'construct', undefined, () => {
    for (const p of cluster.processes) p.instance = construct(p.injector, p.definition.target, p.definition.file, p.id);
    const checks = mapPacked(cluster.invariants, (inv) => {
      const instance = construct(cluster.sharedInjector, inv.target, inv.file, `invariant ${inv.name}`);
      return { name: inv.name, file: inv.file, check: instance.check.bind(instance) };
    });
    const def = cluster.topology;
    topology = construct(cluster.sharedInjector, def.target, def.file, def.target.name);
    watchInvariants(cluster.world, cluster.registry, checks);
  });
  await runUntil(cluster.world, [task]);
  return topology as TopologyInstance;
}

/**
 * The lifecycle of one seed: construct, setup() one process at a time, run() (safety phase,
 * with faults) until every non-service workload returned, then the liveness phase: faults stop,
 * each check() and the topology's check() must finish within the bound, and finally services are
 * told to shut down and must return. Throws the seed's failure.
 */
export async function runPhases(cluster: SeedCluster): Promise<void> {
  const { world, processes } = cluster;
  const topology = await constructAll(cluster);
  for (const p of processes) {
    const instance = p.instance!;
    if (typeof instance.setup !== 'function') continue;
    const owner = { where: p.id, className: p.definition.target.name, file: p.definition.file };
    await runUntil(world, [lifecycle(world, `${p.id}.setup`, owner, () => instance.setup!())]);
  }
  const runs = mapPacked(processes, (p) => lifecycle(world, `${p.id}.run`, undefined, () => p.instance!.run()));
  await runUntil(world, runs.filter((_, i) => !processes[i].definition.service));

  cluster.enterLiveness();
  const checking = processes.filter((p) => typeof p.instance!.check === 'function');
  const checks = mapPacked(checking, (p) => lifecycle(world, `${p.id}.check`, undefined, () => p.instance!.check!()));
  await bounded(cluster, 'check', async (deadline) => {
    if (!(await runUntil(world, checks, deadline))) return checks;
    if (typeof topology.check !== 'function') return [];
    const own = [lifecycle(world, 'topology.check', undefined, () => topology.check!())];
    return (await runUntil(world, own, deadline)) ? [] : own;
  });

  world.schedule(0, 'shutdown', () => cluster.shutdown.fire(), true);
  await bounded(cluster, 'shutdown', async (deadline) => ((await runUntil(world, runs, deadline)) ? [] : runs));
}

/** Runs `body` under a liveness deadline; the tasks it returns unfinished fail the seed. */
async function bounded(cluster: SeedCluster, stage: 'check' | 'shutdown', body: (deadline: Deadline) => Promise<Task[]>): Promise<void> {
  const deadline = new Deadline(cluster.world, cluster.livenessTimeoutMs, `${stage}-deadline`);
  const unfinished = (await body(deadline)).filter((t) => !t.finished);
  deadline.cancel();
  if (unfinished.length === 0) return;
  const pending = unfinished.map((t) => ({ name: t.name, awaiting: t.describeWaits() }));
  throw stamped(cluster.world, new LivenessError(stage, cluster.livenessTimeoutMs, pending));
}
