import { DeterminismMismatchError, firstDivergence } from '../core/determinism.js';
import { installGuard } from '../core/guard.js';
import { realGlobals } from '../core/real-globals.js';
import { isValidSeed, SEED_MAX } from '../core/rng.js';
import type { TraceStep } from '../core/trace.js';
import { SimWorld } from '../core/world.js';
import { ownerOfTask } from '../lifecycle/cluster-process.js';
import { runPhases } from '../lifecycle/run-phases.js';
import { describeAttrition } from '../model/attrition-options.js';
import { coverageOf } from '../chaos/coverage-recorder.js';
import { formatRecipe, validateSplits } from '../chaos/recipe.js';
import { toFailureInfo, type FailureContext } from '../model/failure.js';
import type { CasePlan } from '../model/layouts.js';
import { SetupError } from '../model/lifecycle-errors.js';
import { seedReplays } from './replay.js';
import type { SeedResult } from '../model/report.js';
import { buildSeedCluster, type BuiltCluster } from './seed-cluster.js';
import { beyondPresets } from './seed-draws.js';
import { RECENT_ENTRIES_DEFAULT, validateSeedOptions, type BranchOptions, type SeedRunOptions } from './seed-options.js';
import { finishTimeline } from './seed-timeline.js';
import { mapPacked } from '../core/packed-array.js';

/** Every option the seed drew, flat (`network.faults.partition`, `layout.client`, `chaos.buggify`).
 * The network's description is a fresh record of ~25 dotted keys: extended, not copied, since
 * copying it was most of this function's cost, paid by every seed. */
function drawnOptions(built: BuiltCluster, options: SeedRunOptions): Record<string, unknown> {
  const out = built.network.describe();
  for (const role in built.counts) out[`layout.${role}`] = built.counts[role];
  const chaos = built.chaos.describe();
  for (const key in chaos) out[`chaos.${key}`] = chaos[key];
  Object.assign(out, built.disks.describe());
  out.guard = options.guard ?? 'virtualize';
  if (built.attrition !== undefined) out.attrition = describeAttrition(built.attrition);
  return out;
}

/** The network's fault counts, the disks' once a disk was used, and reboots by kind when any
 * happened. */
function faultCounts(built: BuiltCluster): Record<string, number> {
  const counts: Record<string, number> = built.network.faultCounts();
  Object.assign(counts, built.disks.faultCounts());
  const reboots = built.cluster.supervisor.counts;
  if (reboots.graceful > 0) counts.rebootGraceful = reboots.graceful;
  if (reboots.crash > 0) counts.rebootCrash = reboots.crash;
  if (reboots.wipe > 0) counts.rebootWipe = reboots.wipe;
  return counts;
}

interface SeedRun {
  result: SeedResult;
  steps: TraceStep[] | undefined;
  handedOut: { hash: string; calls: ReadonlyMap<string, number> };
}

async function runOnce(plan: CasePlan, seed: number, options: SeedRunOptions, recordTrace: boolean, branch: BranchOptions, timelineEntriesMax: number | undefined): Promise<SeedRun> {
  const startMs = realGlobals.performanceNow();
  const splits = branch.splits ?? [];
  const world = new SimWorld({
    seed,
    eventsMax: options.eventsMax,
    simTimeMsMax: options.simTimeMsMax,
    recordTrace,
    splits,
    timelineEntriesMax,
    onlyFaults: options.onlyFaults,
    describeFaults: options.describeFaults,
  });
  const coverage = coverageOf(world);
  if (options.alwaysSites !== undefined) coverage.watchAlways(options.alwaysSites);
  // What came before the last split, the parent found already.
  if (branch.discoveries === true) coverage.recordDiscoveries(splits.length === 0 ? 0 : world.lastSplitEvent + 1);
  // Installed before any user code is constructed, removed after the last event.
  const restoreGlobals = installGuard(world, options.guard ?? 'virtualize');
  let built: BuiltCluster | undefined;
  let error: unknown;
  try {
    try {
      built = buildSeedCluster(world, plan, options);
    } catch (cause) {
      const { target, file } = plan.topology;
      throw new SetupError(plan.caseId, target.name, file, 'options', cause);
    }
    await runPhases(built.cluster);
  } catch (caught) {
    error = caught;
  } finally {
    restoreGlobals();
  }
  // The guard's last check (real work still pending, a global left replaced) fails the world.
  error ??= world.failed;
  const replay = seedReplays(plan.topology, plan.layout.name, options)(seed, splits);
  const recipe = splits.length === 0 ? undefined : formatRecipe({ seed, splits });
  const context: FailureContext = {
    seed,
    timeline: recipe,
    replay,
    simTimeMs: world.nowMs,
    eventIndex: world.eventIndex,
    ownerOfTask: (task) => (built ? ownerOfTask(built.cluster, task) : undefined),
  };
  const result: SeedResult = {
    caseId: plan.caseId,
    topology: plan.topology.name,
    layout: plan.layout.name,
    seed,
    ok: error === undefined,
    events: world.eventIndex,
    simTimeMs: world.nowMs,
    wallMs: realGlobals.performanceNow() - startMs,
    traceHash: world.trace.digest(),
    coverage: built?.chaos.coverage() ?? [],
    faults: built === undefined ? {} : faultCounts(built),
    options: built === undefined ? {} : drawnOptions(built, options),
    replay,
    faultsRolled: world.faultLog.count,
  };
  if (world.faultLog.applied !== undefined) result.faultsApplied = world.faultLog.applied;
  if (built !== undefined && built.cluster.supervisor.reboots.length > 0) result.reboots = built.cluster.supervisor.reboots;
  // Only a failure's report shows them (--check-determinism fails seeds after both runs).
  if (built !== undefined && (error !== undefined || options.checkDeterminism === true)) result.beyondPresets = beyondPresets(built, plan, options, result.options);
  if (recipe !== undefined) result.recipe = recipe;
  const discoveries = coverage.discovered();
  if (discoveries !== undefined) result.discoveries = discoveries;
  // Added, never deleted: `delete` would turn every result into a slow dictionary-mode object.
  if (error !== undefined) result.failure = toFailureInfo(error, context);
  if (world.timeline !== undefined) {
    const processes = built === undefined ? [] : mapPacked(built.cluster.processes, (p) => ({ id: p.id, host: p.host }));
    result.timeline = finishTimeline(world.timeline, result, processes, built?.cluster.registry, result.failure);
  }
  const session = restoreGlobals.session;
  return { result, steps: world.trace.steps, handedOut: { hash: session?.digest() ?? '', calls: session?.calls ?? new Map() } };
}

/** Runs the seed twice with tracing; the first divergent event fails it with kind 'determinism'. */
async function runTwice(plan: CasePlan, seed: number, options: SeedRunOptions, branch: BranchOptions): Promise<SeedResult> {
  const first = await runOnce(plan, seed, options, true, branch, options.timelineEntriesMax);
  const second = await runOnce(plan, seed, options, true, branch, options.timelineEntriesMax);
  const wallMs = first.result.wallMs + second.result.wallMs;
  let divergence = firstDivergence(first.steps ?? [], second.steps ?? []);
  if (divergence === undefined && first.result.traceHash !== second.result.traceHash) {
    // Same events, different draws after the last one.
    divergence = { index: (first.steps?.length ?? 0) + 1, first: undefined, second: undefined };
  }
  if (divergence === undefined && first.handedOut.hash !== second.handedOut.hash) {
    // Same events and draws, but the guard handed out other values (a real clock read somewhere).
    divergence = { index: (first.steps?.length ?? 0) + 1, first: undefined, second: undefined, handedOut: [first.handedOut.calls, second.handedOut.calls] };
  }
  if (divergence === undefined) return { ...first.result, wallMs };
  const failure = toFailureInfo(new DeterminismMismatchError(seed, divergence), {
    seed,
    timeline: first.result.recipe,
    replay: first.result.replay,
    simTimeMs: first.result.simTimeMs,
    eventIndex: divergence.index,
    ownerOfTask: () => undefined,
  });
  return { ...first.result, ok: false, failure, wallMs };
}

/** A failing seed, run again with its timeline recorded (replay is exact), carries the last
 * entries up to its failure. Kept only when the re-run failed at the same event the same way. */
async function withRecentEntries(plan: CasePlan, seed: number, options: SeedRunOptions, branch: BranchOptions, result: SeedResult): Promise<SeedResult> {
  const failure = result.failure;
  const count = options.recentEntries ?? RECENT_ENTRIES_DEFAULT;
  if (failure === undefined || count === 0 || failure.kind === 'determinism') return result;
  const timeline = result.timeline ?? (await runOnce(plan, seed, options, false, branch, Math.max(count, RECENT_RING_ENTRIES))).result.timeline;
  const last = timeline?.entries.at(-1);
  if (timeline === undefined || last?.kind !== 'failure' || last.eventIndex !== failure.eventIndex || timeline.failure?.kind !== failure.kind) return result;
  failure.recent = timeline.entries.slice(-count - 1, -1);
  return result;
}

/** Ring size of the re-run that finds a failure's last entries: enough to hold them. */
const RECENT_RING_ENTRIES = 64;

// The seed running in this thread, if any: seeds cannot interleave in one thread.
let running: string | undefined;

/**
 * Runs one seed of a case in a fresh simulated world and reports it. Never throws for a failing
 * seed: every failure (setup, task, assertion, invariant, deadlock, budget, liveness,
 * nondeterminism, determinism) comes back as a SeedResult with ok=false and a FailureInfo.
 * `branch` runs a child timeline of the seed (its splits) and asks for its discoveries.
 */
export async function runSeed(plan: CasePlan, seed: number, options: SeedRunOptions = {}, branch: BranchOptions = {}): Promise<SeedResult> {
  if (!isValidSeed(seed)) {
    throw new RangeError(`runSeed(${plan.caseId}): seed ${seed} is not an integer in 0..${SEED_MAX}; seeds are unsigned 32-bit integers.`);
  }
  validateSeedOptions(options, plan.caseId);
  if (branch.splits !== undefined) validateSplits(branch.splits, formatRecipe({ seed, splits: branch.splits }));
  if (running !== undefined) {
    throw new Error(
      `runSeed(${plan.caseId}, seed ${seed}): seed ${running} is still running in this thread. Seeds share the thread's ` +
        'globals (the guard, the current world), so await each runSeed before the next; run seeds in parallel with worker threads.',
    );
  }
  running = `${plan.caseId} ${seed}`;
  try {
    const result = options.checkDeterminism ? await runTwice(plan, seed, options, branch) : (await runOnce(plan, seed, options, false, branch, options.timelineEntriesMax)).result;
    return await withRecentEntries(plan, seed, options, branch, result);
  } finally {
    running = undefined;
  }
}
