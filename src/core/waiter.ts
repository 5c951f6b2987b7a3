import type { SimTask } from './task.js';
import { Wait, type WakeSink } from './wait.js';

/** A pending simulated wait (sleep, read, accept, join...) that a promise stands for. */
export class Waiter<T> extends Wait {
  readonly promise: Promise<T>;
  private resolveFn!: (value: T) => void;
  private rejectFn!: (reason: unknown) => void;

  constructor(sink: WakeSink, label: string, task: SimTask<unknown> | undefined) {
    super(sink, label, task);
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
  }

  resolve(value: T): void {
    if (this.settle()) this.resolveFn(value);
  }

  reject(reason: unknown): void {
    if (this.settle()) this.rejectFn(reason);
  }

  abort(reason: unknown): void {
    this.reject(reason);
  }
}
