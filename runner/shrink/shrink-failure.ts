// --shrink: re-runs a failing seed with fewer injected faults (network, storage, process stops,
// buggify firings), each vetoed fault keeping its random draws so the rest of the schedule stays
// aligned, until the fewest that still fail the same way are found (ddmin).
import type { FailureInfo, SeedResult, ShrinkSummary } from '../../src/internal.js';
import { plural } from '../reporters/format.js';
import { ddmin } from './ddmin.js';

/** Kinds a shrink cannot re-run meaningfully: the seed never returned, or two runs differed. */
const UNSHRINKABLE = new Set<FailureInfo['kind']>(['watchdog', 'crash', 'determinism']);

export interface ShrinkRuns {
  /** Runs the seed injecting only the faults `onlyFaults` (all: undefined), describing them. */
  run(onlyFaults: number[] | undefined): Promise<SeedResult>;
  /** The replay command of the seed injecting only `onlyFaults`. */
  replayOf(onlyFaults: number[]): string;
  budget: number;
  /** Runs at once (the workers). */
  parallel: number;
}

export function isShrinkable(failure: FailureInfo): boolean {
  return !UNSHRINKABLE.has(failure.kind);
}

/** The same failure: same kind, and the same invariant, assertion or task. */
export function sameFailure(a: FailureInfo | undefined, b: FailureInfo | undefined): boolean {
  return a !== undefined && b !== undefined && a.kind === b.kind && a.where === b.where;
}

/** `partition 10.0.0.2,10.0.0.3 | 10.0.0.1 for 230 ms at 120 ms`. */
function faultText(fault: { text: string; timeMs: number }): string {
  return `${fault.text} at ${Math.round(fault.timeMs * 10) / 10} ms`;
}

/** Shrinks the faults behind `failure`; undefined when its replay no longer fails the same way
 * (nothing to shrink against). */
export async function shrinkFailure(failure: FailureInfo, runs: ShrinkRuns): Promise<ShrinkSummary | undefined> {
  const original = await runs.run(undefined);
  if (!sameFailure(original.failure, failure) || original.faultsApplied === undefined) return undefined;
  const ordinals = original.faultsApplied.map((fault) => fault.ordinal);
  const failing = new Map<string, SeedResult>([[ordinals.join(','), original]]);
  const fails = async (subset: number[]): Promise<boolean> => {
    const result = await runs.run(subset);
    const same = sameFailure(result.failure, failure);
    if (same) failing.set(subset.join(','), result);
    return same;
  };
  const outcome = await ddmin(ordinals, fails, Math.max(1, runs.budget - 1), runs.parallel);
  const shrunk = failing.get(outcome.kept.join(',')) as SeedResult;
  return {
    faultsBefore: ordinals.length,
    faults: (shrunk.faultsApplied ?? []).map(faultText),
    runs: outcome.runs + 1,
    replay: runs.replayOf(outcome.kept),
    eventIndex: shrunk.failure?.eventIndex ?? shrunk.events,
    simTimeMs: shrunk.failure?.simTimeMs ?? shrunk.simTimeMs,
  };
}

/** One line: `fails with 2 of 41 injected faults: partition … at 120 ms, reset … at 340 ms`. */
export function shrinkLine(shrunk: ShrinkSummary): string {
  const faults = shrunk.faults.length === 0 ? 'with no injected fault at all' : `with ${shrunk.faults.length} of ${shrunk.faultsBefore} injected faults: ${shrunk.faults.join(', ')}`;
  return `fails ${faults} (shrunk in ${plural(shrunk.runs, 'run')})`;
}
