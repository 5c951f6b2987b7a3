import type { SimTask } from './task.js';
import { Wait, type WakeSink } from './wait.js';

/** A pending simulated wait (sleep, read, accept, join...) that a promise stands for. */
export class Waiter<T> extends Wait {
  readonly promise: Promise<T>;
  private resolveFn!: (value: T) => void;
  private rejectFn!: (reason: unknown) => void;
  private ok = false;
  private outcome: unknown;

  constructor(sink: WakeSink, label: string, task: SimTask<unknown> | undefined) {
    super(sink, label, task);
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
  }

  resolve(value: T): void {
    if (!this.settle()) return;
    this.ok = true;
    this.outcome = value;
    this.sink.wake(this);
  }

  reject(reason: unknown): void {
    if (!this.settle()) return;
    this.outcome = reason;
    this.sink.wake(this);
  }

  abort(reason: unknown): void {
    this.reject(reason);
  }

  fire(): void {
    if (this.ok) this.resolveFn(this.outcome as T);
    else this.rejectFn(this.outcome);
    this.outcome = undefined;
  }
}
