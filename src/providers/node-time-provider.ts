import { TimeoutError } from '../core/errors.js';
import { realGlobals } from '../core/real-globals.js';
import { checkDelayMs, TimeProvider } from './time-provider.js';

/** Wall-clock time and real timers (production). */
export class NodeTimeProvider extends TimeProvider {
  now(): number {
    return realGlobals.performanceNow();
  }

  sleep(ms: number): Promise<void> {
    checkDelayMs(ms, 'sleep');
    return new Promise((resolve) => realGlobals.setTimeout(resolve, ms));
  }

  timeout<T>(ms: number, promise: Promise<T>): Promise<T> {
    checkDelayMs(ms, 'timeout');
    return new Promise<T>((resolve, reject) => {
      const timer = realGlobals.setTimeout(() => reject(new TimeoutError(ms)), ms);
      promise.then(
        (value) => {
          realGlobals.clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          realGlobals.clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
