import { mapPacked } from '../core/packed-array.js';
import type { TopologyInstance } from '../model/definitions.js';
import { LivenessError, type PendingTask } from '../model/lifecycle-errors.js';
import type { Cluster } from './cluster.js';
import { constructInstance } from './instance.js';
import type { Deadline, IncarnationScope, LifecycleStep } from './lifecycle-world.js';

const allFinished = (steps: readonly LifecycleStep[]) => () => steps.every((s) => s.finished);

const waitsOf = (steps: readonly LifecycleStep[]): PendingTask[] =>
  steps.filter((s) => !s.finished).map((s) => ({ name: s.name, awaiting: s.describeWaits() }));

/** Fresh instances of every workload, invariant and the topology class; invariants armed. */
async function constructAll<S extends IncarnationScope>(cluster: Cluster<S>): Promise<TopologyInstance> {
  let topology: TopologyInstance | undefined;
  const { world } = cluster;
  const step = world.step('construct', undefined, () => {
    for (const p of cluster.processes) p.instance = constructInstance(p.injector, p.definition.target, p.definition.file, p.id);
    const checks = mapPacked(cluster.invariants, (inv) => {
      const instance = constructInstance(cluster.sharedInjector, inv.target, inv.file, `invariant ${inv.name}`);
      return { name: inv.name, file: inv.file, check: instance.check.bind(instance) };
    });
    const def = cluster.topology;
    topology = constructInstance(cluster.sharedInjector, def.target, def.file, def.target.name);
    world.watchInvariants(cluster.registry, checks);
  });
  await world.until(allFinished([step]));
  return topology as TopologyInstance;
}

/**
 * The lifecycle of one run, simulated or --real: construct, setup() one process at a time, run()
 * (safety phase, with faults and attrition) until every non-service workload is up and its run()
 * returned, then the liveness phase: faults stop, down processes restart, each check() and the
 * topology's check() must finish within the bound, and finally services are told to shut down
 * and must return. Throws the run's failure.
 */
export async function runPhases<S extends IncarnationScope>(cluster: Cluster<S>): Promise<void> {
  const { world, processes, supervisor } = cluster;
  const topology = await constructAll(cluster);
  for (const p of processes) {
    const instance = p.instance!;
    if (typeof instance.setup === 'function') {
      const owner = { where: p.id, className: p.definition.target.name, file: p.definition.file };
      await world.until(allFinished([world.step(`${p.id}.setup`, owner, () => instance.setup!(), p.scope)]));
    }
    p.ready = true;
  }
  supervisor.startRuns();
  cluster.startAttrition();
  await world.until(() => supervisor.safetyDone());

  await world.between(() => cluster.enterLiveness());
  await bounded(cluster, 'check', async (deadline) => {
    // Processes restarted just now are set up before anyone's check() runs.
    if (!(await world.until(() => supervisor.allReady(), deadline))) return supervisor.pendingTasks((p) => p.up && p.ready);
    const checking = processes.filter((p) => typeof p.instance!.check === 'function');
    const checks = mapPacked(checking, (p) => world.step(`${p.id}.check`, undefined, () => p.instance!.check!(), p.scope));
    if (!(await world.until(allFinished(checks), deadline))) return waitsOf(checks);
    if (typeof topology.check !== 'function') return [];
    const own = [world.step('topology.check', undefined, () => topology.check!())];
    return (await world.until(allFinished(own), deadline)) ? [] : waitsOf(own);
  });

  world.schedule(0, 'shutdown', () => supervisor.shutdown(), true);
  await bounded(cluster, 'shutdown', async (deadline) =>
    (await world.until(() => supervisor.allReturned(), deadline)) ? [] : supervisor.pendingTasks((p) => p.up && p.runReturned),
  );
}

/** Runs `body` under a liveness deadline; the steps it returns as pending fail the run. */
async function bounded<S extends IncarnationScope>(
  cluster: Cluster<S>,
  stage: 'check' | 'shutdown',
  body: (deadline: Deadline) => Promise<PendingTask[]>,
): Promise<void> {
  const { world } = cluster;
  const deadline = world.deadline(cluster.livenessTimeoutMs, `${stage}-deadline`);
  let pending: PendingTask[];
  try {
    pending = await body(deadline);
  } finally {
    // Also when the run failed meanwhile: a --real deadline is a timer that would outlive it.
    deadline.cancel();
  }
  if (pending.length === 0) return;
  throw world.stamp(new LivenessError(stage, cluster.livenessTimeoutMs, pending, world.clock));
}
