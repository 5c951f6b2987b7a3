import type { SimTask } from './task.js';

/** Hands ended waits to the world, which resumes each in a drain of its own task. */
export interface WakeSink {
  wake(wait: Wait): void;
}

/**
 * Something a task is blocked on in simulated time (a read, a sleep, a request's deadline...):
 * listed in its task's waits until it ends, so a deadlock report can say who waits on what and
 * cancelling the task can end it.
 *
 * Ending a wait does not resume its continuation at once: the world calls fire() in a drain
 * where only its task's continuations run, so each continuation is attributed to the task that
 * awaited it, and a task killed meanwhile (its process crashed) never resumes.
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

  /** Resumes the continuation (called by the world, in its task's drain). */
  abstract fire(): void;

  /** Ends the wait for good because its task was killed: it never resumes. */
  drop(): void {
    if (!this.settled) this.unlist();
  }

  /** Ends the wait, once: unlists it. The caller then hands it to the sink. */
  protected settle(): boolean {
    if (this.settled) return false;
    this.unlist();
    return true;
  }

  /** Ends the wait without waking anyone (its owner stopped waiting by itself). */
  protected unlist(): void {
    this.settled = true;
    this.task?.waits.remove(this);
  }
}
