import type { SimTask } from './task.js';

/** One scheduled occurrence in the world's queue. */
export interface SimEvent {
  timeMs: number;
  /** Unique and increasing: events at one time run in the order they were queued. */
  seq: number;
  kind: string;
  kindId: number;
  run: () => void;
  /** The task the event acts for (its continuations are attributed to it). */
  task: SimTask<unknown> | undefined;
  /** Runs user code itself (a timer callback, a task start): drain even if nothing woke. */
  runsUserCode: boolean;
  cancelled: boolean;
}
