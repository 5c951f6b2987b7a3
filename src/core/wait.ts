import type { SimTask } from './task.js';

/** Receives wake-ups so the world knows an event woke a continuation and must drain. */
export interface WakeSink {
  noteWake(task: SimTask<unknown> | undefined): void;
}

/**
 * Something a task is blocked on in simulated time (a read, a sleep, a request's deadline...):
 * listed in its task's waits until it ends, so a deadlock report can say who waits on what and
 * cancelling the task can end it.
 */
export abstract class Wait {
  settled = false;
  /** Neighbours in the owning task's WaitList. */
  prev: Wait | undefined = undefined;
  next: Wait | undefined = undefined;

  constructor(
    protected readonly sink: WakeSink,
    readonly label: string,
    readonly task: SimTask<unknown> | undefined,
  ) {
    task?.waits.add(this);
  }

  /** Ends the wait because its task was cancelled. */
  abstract abort(reason: unknown): void;

  /** Ends the wait, once: unlists it and tells the world a continuation woke. */
  protected settle(): boolean {
    if (this.settled) return false;
    this.unlist();
    this.sink.noteWake(this.task);
    return true;
  }

  /** Ends the wait without waking anyone (its owner stopped waiting by itself). */
  protected unlist(): void {
    this.settled = true;
    this.task?.waits.remove(this);
  }
}
