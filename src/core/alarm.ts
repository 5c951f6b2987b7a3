import type { QueuedEvent } from './event-queue.js';
import type { SimTask } from './task.js';
import { timeoutLabel } from './timeout-label.js';
import { Wait } from './wait.js';
import type { SimWorld } from './world.js';

/**
 * A timeout in simulated time that is a wait but no promise: `ring(owner)` runs in its task's
 * drain after the alarm's own 'timeout' event, and clear() withdraws it. It behaves like
 * SimTimeProvider.timeout()'s waiter (same event, label and wake-up, ended by cancelling its
 * task) without its promise chain, for deadlines set on every message such as a request's. The
 * alarm is its own queued event: one object per deadline, where an event, a wait and their
 * closures would be four.
 */
export class Alarm<T> extends Wait implements QueuedEvent {
  readonly kind = 'timeout';
  readonly runsUserCode = false;
  readonly timeMs: number;
  seq = 0;
  kindId = 0;
  cancelled = false;
  heapIndex = -1;

  constructor(
    private readonly world: SimWorld,
    task: SimTask<unknown> | undefined,
    delayMs: number,
    private readonly ring: (owner: T) => void,
    private readonly owner: T,
  ) {
    super(world, timeoutLabel(delayMs), task);
    this.timeMs = world.nowMs + delayMs;
  }

  /** The event: rings (in the task's drain) unless the alarm was cleared or its task cancelled. */
  run(): void {
    if (this.settle()) this.sink.wake(this);
  }

  fire(): void {
    this.ring(this.owner);
  }

  /** Withdraws the alarm: its owner stopped waiting (it leaves the queue at once, so a long
   * deadline does not sit there). Wakes nobody. */
  clear(): void {
    this.world.cancel(this);
    if (!this.settled) this.unlist();
  }

  /** The task was cancelled: the alarm will not ring. */
  abort(): void {
    this.clear();
  }

  /** The task was killed: the alarm leaves the queue and never rings. */
  override drop(): void {
    this.clear();
  }
}
