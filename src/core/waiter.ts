import type { SimTask } from './task.js';

/** Receives wake-ups so the world knows an event woke a continuation and must drain. */
export interface WakeSink {
  noteWake(task: SimTask<unknown> | undefined): void;
}

/** A pending simulated wait (sleep, read, accept, join…): a promise plus what it is waiting for,
 * owned by the task that created it so a deadlock report can say who waits on what. */
export class Waiter<T> {
  readonly promise: Promise<T>;
  settled = false;
  private resolveFn!: (value: T) => void;
  private rejectFn!: (reason: unknown) => void;

  constructor(
    private readonly sink: WakeSink,
    readonly label: string,
    readonly task: SimTask<unknown> | undefined,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    task?.waits.add(this as Waiter<unknown>);
  }

  resolve(value: T): void {
    if (this.settle()) this.resolveFn(value);
  }

  reject(reason: unknown): void {
    if (this.settle()) this.rejectFn(reason);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.task?.waits.delete(this as Waiter<unknown>);
    this.sink.noteWake(this.task);
    return true;
  }
}
