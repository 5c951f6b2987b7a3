import { thrownStack, thrownText } from './thrown-text.js';

/** Base of every error moonpool reports about a seed: carries the seed and where it happened. */
export class SimulationError extends Error {
  seed: number | undefined;
  simTimeMs: number | undefined;
  eventIndex: number | undefined;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface BlockedTask {
  name: string;
  awaiting: string[];
}

/** No events left while required tasks are unfinished. */
export class DeadlockError extends SimulationError {
  constructor(readonly blocked: BlockedTask[], simTimeMs: number) {
    super(
      `deadlock at ${simTimeMs.toFixed(3)} ms simulated: no events are left but ${blocked.length} task(s) never finished: ` +
        blocked
          .map((t) => `${t.name} awaiting ${t.awaiting.length > 0 ? t.awaiting.join(', ') : 'a promise outside the simulation (no simulated wait pending)'}`)
          .join('; ') +
        '. Something those tasks wait for is never sent, resolved or scheduled.',
    );
  }
}

/** The simulated-time or event-count budget of a seed ran out. */
export class BudgetExceededError extends SimulationError {
  constructor(readonly budget: 'simTimeMs' | 'events', readonly limit: number) {
    super(
      budget === 'events'
        ? `event budget exceeded: more than ${limit} simulated events (an endless retry or timer loop?). Raise it with the maxEvents option if the workload is meant to be this long.`
        : `simulated-time budget exceeded: the seed ran past ${limit} ms of simulated time. Raise it with the maxSimTimeMs option if the workload is meant to run this long.`,
    );
  }
}

/** Workload code called a real clock, timer or entropy source while the guard rejects them, or
 * started real I/O (`why` says which). */
export class NondeterminismError extends SimulationError {
  constructor(
    readonly api: string,
    readonly callSite: string,
    readonly fix: string,
    why = 'it is nondeterministic',
  ) {
    super(`${api} called at ${callSite} during a simulation: ${why}. ${fix}`);
  }
}

/** Real asynchronous work inside a seed that only the OS can finish, at a real time: real I/O a
 * guarded API was asked for, or work the guard found started (or still pending at the seed's end). */
export class RealWorkError extends NondeterminismError {
  constructor(api: string, callSite: string, fix: string, message: string) {
    super(api, callSite, fix);
    this.message = message;
  }
}

/** A task (or workload lifecycle step) threw or rejected. */
export class TaskFailedError extends SimulationError {
  constructor(readonly taskName: string, override readonly cause: unknown) {
    super(`task ${taskName} failed: ${thrownText(cause)}`);
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
