import { AssertionFailure, InvariantViolation } from '../chaos/chaos-errors.js';
import { DeterminismMismatchError } from '../core/determinism.js';
import {
  BudgetExceededError,
  DeadlockError,
  NondeterminismError,
  SimulationError,
  TaskFailedError,
  type FailureText,
} from '../core/errors.js';
import { isInstance, thrownStack, thrownText } from '../core/thrown-text.js';
import { InjectionError } from './injection.js';
import { LivenessError, SetupError } from './lifecycle-errors.js';
import type { FailureInfo, FailureKind } from './report.js';

/** Who a task or process belongs to: `client#3` → its class and declaring file. */
export interface Owner {
  where: string;
  className: string;
  file: string;
}

export interface FailureContext {
  seed: number;
  /** A child timeline's recipe (`123@4567/89`), named instead of its seed. */
  timeline?: string;
  replay: string;
  /** Fallback position when the error carries none. */
  simTimeMs: number;
  eventIndex: number;
  /** The process owning a task name (`client#3.run`, `client#3/pump`), if any. */
  ownerOfTask(taskName: string): Owner | undefined;
  /** Set for a --real run, which has no simulated position: `the real run of echo[1x2] over 127.0.0.1`. */
  realRun?: string;
}

// The fix for a kind whose error carries none of its own (every SimulationError may: an
// assertion's says which kind of assertion it was, an invariant's names the event).
const FIXES: Partial<Record<FailureKind, string>> = {
  task: 'This is the failure the simulation found: follow the stack (code that expects network faults must catch their errors).',
  liveness: 'check() must finish once faults stop: retry with timeouts, make services return on topology.shutdown, or raise livenessTimeoutMs in @Topology (or --liveness-timeout-ms) if recovery really takes longer.',
  crash: 'This is a bug in moonpool itself: please report it with the replay command.',
};

/** The seed workers' loader hook's error; read with care: a thrown value may throw on any read. */
function isImportInSeed(cause: unknown): boolean {
  if (!isInstance(cause, Error)) return false;
  try {
    return (cause as { code?: unknown }).code === 'ERR_MOONPOOL_IMPORT_IN_SEED';
  } catch {
    return false;
  }
}

export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof TaskFailedError && isInstance(error.cause, SimulationError)) return failureKindOf(error.cause);
  // The seed workers' loader hook rejects a dynamic import() in a seed (runner/worker/seed-import-hook.ts).
  if (error instanceof TaskFailedError && isImportInSeed(error.cause)) return 'nondeterminism';
  if (error instanceof InjectionError) return 'injection';
  if (error instanceof SetupError) return 'setup';
  if (error instanceof LivenessError) return 'liveness';
  if (error instanceof DeterminismMismatchError) return 'determinism';
  if (error instanceof DeadlockError) return 'deadlock';
  if (error instanceof BudgetExceededError) return 'budget';
  if (error instanceof NondeterminismError) return 'nondeterminism';
  if (error instanceof AssertionFailure) return 'assertion';
  if (error instanceof InvariantViolation) return 'invariant';
  if (error instanceof TaskFailedError) return 'task';
  return 'crash';
}

function locate(error: unknown, context: FailureContext): Partial<Owner> {
  if (error instanceof SetupError) return { where: error.where, className: error.className, file: error.file };
  if (error instanceof InjectionError) return { where: error.where, className: error.className, file: error.file };
  if (error instanceof InvariantViolation) return { where: `invariant "${error.invariantName}"`, file: error.file };
  if (error instanceof AssertionFailure) return { where: error.site, file: error.site.replace(/:\d+:\d+$/, '') };
  if (error instanceof NondeterminismError) return { where: error.callSite };
  const task =
    error instanceof TaskFailedError ? error.taskName
    : error instanceof DeadlockError ? error.blocked[0]?.name
    : error instanceof LivenessError ? error.pending[0]?.name
    : undefined;
  if (task === undefined) return {};
  return { ...context.ownerOfTask(task), where: task };
}

/** What went wrong and what to do, each once. A task that failed on moonpool's own error (an
 * assertion in the task) is told by that error; a value that is not moonpool's by its text. */
function textOf(error: unknown, kind: FailureKind): FailureText {
  const told = error instanceof TaskFailedError && isInstance(error.cause, SimulationError) ? error.cause : error;
  const own = isInstance(told, SimulationError) ? { detail: told.detail, fix: told.fix } : { detail: thrownText(told, true), fix: undefined };
  return { detail: own.detail, fix: own.fix ?? FIXES[kind] };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A run's error as a FailureInfo: its parts apart (reporters lay them out), and the whole in
 * one paragraph (`message`). */
export function toFailureInfo(error: unknown, context: FailureContext): FailureInfo {
  const kind = failureKindOf(error);
  const owner = locate(error, context);
  const { detail, fix } = textOf(error, kind);
  // An assertion's site already starts with its file.
  const inWhat = [owner.where, owner.className, owner.file].filter((x, i) => x !== undefined && (i === 0 || !(owner.where?.startsWith(x) ?? false)));
  const head = `${kind} failure` + (inWhat.length > 0 ? ` in ${inWhat[0]}${inWhat.length > 1 ? ` (${inWhat.slice(1).join(', ')})` : ''}` : '');
  const said = detail.replace(/\.?\s*$/, '.') + (fix === undefined ? '' : ` ${fix}`);
  const { where, className, file } = owner;
  const stack = thrownStack(error);
  if (context.realRun !== undefined) {
    const message = oneLine(
      `${head} during ${context.realRun}: ${said} Code that passes in simulation failed on real sockets and timers; rerun it with: ${context.replay}`,
    );
    return { kind, message, detail, fix, seed: context.seed, where, className, file, stack };
  }
  const simulation = isInstance(error, SimulationError) ? error : undefined;
  const simTimeMs = simulation?.simTimeMs ?? context.simTimeMs;
  const eventIndex = simulation?.eventIndex ?? context.eventIndex;
  const at = context.timeline === undefined ? `seed ${context.seed}` : `timeline ${context.timeline}`;
  const message = oneLine(`${head} at ${at}, ${simTimeMs.toFixed(3)} ms simulated, event #${eventIndex}: ${said} Replay: ${context.replay}`);
  return { kind, message, detail, fix, seed: context.seed, simTimeMs, eventIndex, where, className, file, stack };
}
