import { TimeoutError } from '../core/errors.js';
import { timeoutLabel } from '../core/timeout-label.js';
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
    const world = this.world;
    const waiter = world.waiter<T>(timeoutLabel(ms));
    const timer = world.schedule(ms, 'timeout', () => waiter.reject(new TimeoutError(ms)));
    // Cancelled, not just skipped: a request timeout that outlives its reply would otherwise sit
    // in the event queue (and on the heap) for its whole duration.
    promise.then(
      (value) => {
        world.cancel(timer);
        waiter.resolve(value);
      },
      (error) => {
        world.cancel(timer);
        waiter.reject(error);
      },
    );
    return waiter.promise;
  }
}
