import { TimeoutError } from '../core/errors.js';
import { realGlobals } from '../core/real-globals.js';
import type { ProcessLife } from './process-life.js';
import { checkDelayMs, TimeProvider } from './time-provider.js';

/** Wall-clock time and real timers (production). With a `life` (`--real`), killing it clears
 * every pending timer: sleeps never resolve and timeouts never fire. */
export class NodeTimeProvider extends TimeProvider {
  constructor(private readonly life?: ProcessLife) {
    super();
  }

  now(): number {
    return realGlobals.performanceNow();
  }

  sleep(ms: number): Promise<void> {
    checkDelayMs(ms, 'sleep');
    if (this.life?.alive === false) return this.life.never();
    return new Promise((resolve) => this.timer(ms, resolve));
  }

  timeout<T>(ms: number, promise: Promise<T>): Promise<T> {
    checkDelayMs(ms, 'timeout');
    const life = this.life;
    if (life?.alive === false) return life.never();
    return new Promise<T>((resolve, reject) => {
      const cancel = this.timer(ms, () => reject(new TimeoutError(ms)));
      (life === undefined ? promise : life.guard(promise)).then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  /** A real timer, cleared when the life is killed; returns its cancel function. */
  private timer(ms: number, fire: () => void): () => void {
    const life = this.life;
    const forget = life?.onKill(() => realGlobals.clearTimeout(handle));
    const handle = realGlobals.setTimeout(() => {
      forget?.();
      fire();
    }, ms);
    return () => {
      forget?.();
      realGlobals.clearTimeout(handle);
    };
  }
}
