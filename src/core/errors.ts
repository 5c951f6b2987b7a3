import { thrownStack, thrownText } from './thrown-text.js';

/** A failure said in two parts, each once: what went wrong, and what to do about it. */
export interface FailureText {
  /** What went wrong, without the seed, its position or the fix (a report names those itself). */
  detail: string;
  /** What to do about it; absent when the failure's kind says it in general. */
  fix?: string;
}

/** Base of every error moonpool reports about a seed: carries the seed and where it happened,
 * and its text in parts (`detail`, `fix`) so a report says each once. */
export class SimulationError extends Error {
  seed: number | undefined;
  simTimeMs: number | undefined;
  eventIndex: number | undefined;
  detail: string;
  fix: string | undefined;

  constructor(message: string, text: FailureText = { detail: message }) {
    super(message);
    this.name = new.target.name;
    this.detail = text.detail;
    this.fix = text.fix;
  }
}

/** `1 task`, `2 tasks`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface BlockedTask {
  name: string;
  awaiting: string[];
}

/** No events left while required tasks are unfinished. */
export class DeadlockError extends SimulationError {
  constructor(readonly blocked: BlockedTask[], simTimeMs: number) {
    const tasks = blocked
      .map((t) => `${t.name} awaiting ${t.awaiting.length > 0 ? t.awaiting.join(', ') : 'a promise outside the simulation (no simulated wait pending)'}`)
      .join('; ');
    const detail = `no events are left but ${count(blocked.length, 'task')} never finished: ${tasks}`;
    const fix = 'Something those tasks wait for is never sent, resolved or scheduled.';
    super(`deadlock at ${simTimeMs.toFixed(3)} ms simulated: ${detail}. ${fix}`, { detail, fix });
  }
}

/** The simulated-time or event-count budget of a seed ran out. */
export class BudgetExceededError extends SimulationError {
  constructor(readonly budget: 'simTimeMs' | 'events', readonly limit: number) {
    const [detail, fix] =
      budget === 'events'
        ? [`event budget exceeded: more than ${limit} simulated events (an endless retry or timer loop?)`, 'Raise it with the eventsMax option if the workload is meant to be this long.']
        : [`simulated-time budget exceeded: the seed ran past ${limit} ms of simulated time`, 'Raise it with the simTimeMsMax option if the workload is meant to run this long.'];
    super(`${detail}. ${fix}`, { detail, fix });
  }
}

/** Workload code called a real clock, timer or entropy source while the guard rejects them, or
 * started real I/O (`why` says which). */
export class NondeterminismError extends SimulationError {
  constructor(
    readonly api: string,
    readonly callSite: string,
    override readonly fix: string,
    why = 'it is nondeterministic',
  ) {
    const detail = `${api} called at ${callSite} during a simulation: ${why}`;
    super(`${detail}. ${fix}`, { detail, fix });
  }
}

/** Real asynchronous work inside a seed that only the OS can finish, at a real time: real I/O a
 * guarded API was asked for, or work the guard found started (or still pending at the seed's end). */
export class RealWorkError extends NondeterminismError {
  /** `detail` says what was found, without `fix`. */
  constructor(api: string, callSite: string, fix: string, detail: string) {
    super(api, callSite, fix);
    this.message = `${detail} ${fix}`;
    this.detail = detail;
  }
}

/** A task (or workload lifecycle step) threw or rejected. */
export class TaskFailedError extends SimulationError {
  constructor(readonly taskName: string, override readonly cause: unknown) {
    // The detail is what the task threw, with its class (`TypeError: ...`): the task is named apart.
    super(`task ${taskName} failed: ${thrownText(cause)}`, { detail: thrownText(cause, true) });
    const stack = thrownStack(cause);
    if (stack) this.stack = `${this.name}: ${this.message}\n${stack}`;
  }
}

/** A cancelled task's pending wait rejects with this. */
export class TaskCancelledError extends Error {
  constructor(taskName: string) {
    super(`task ${taskName} was cancelled`);
    this.name = 'TaskCancelledError';
  }
}

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}
