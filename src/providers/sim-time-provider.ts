import { TimeoutError } from '../core/errors.js';
import type { SimWorld } from '../core/world.js';
import { checkDelayMs, TimeProvider } from './time-provider.js';

/** Logical time of a SimWorld. `clockOffsetMs` lets the network model clock drift per host. */
export class SimTimeProvider extends TimeProvider {
  constructor(
    private readonly world: SimWorld,
    private readonly clockOffsetMs: () => number = () => 0,
  ) {
    super();
  }

  now(): number {
    return this.world.nowMs + this.clockOffsetMs();
  }

  sleep(ms: number): Promise<void> {
    checkDelayMs(ms, 'sleep');
    const waiter = this.world.waiter<void>(`sleep(${ms} ms)`);
    this.world.schedule(ms, 'sleep', () => waiter.resolve());
    return waiter.promise;
  }

  timeout<T>(ms: number, promise: Promise<T>): Promise<T> {
    checkDelayMs(ms, 'timeout');
    const waiter = this.world.waiter<T>(`timeout(${ms} ms)`);
    const timer = this.world.schedule(ms, 'timeout', () => waiter.reject(new TimeoutError(ms)));
    promise.then(
      (value) => {
        timer.cancelled = true;
        waiter.resolve(value);
      },
      (error) => {
        timer.cancelled = true;
        waiter.reject(error);
      },
    );
    return waiter.promise;
  }
}
