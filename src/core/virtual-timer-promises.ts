import type { SimEvent } from './event.js';
import type { Waiter } from './waiter.js';
import { nodeDelayMs } from './node-delay.js';
import type { SimWorld } from './world.js';

interface TimerOptions {
  signal?: AbortSignal;
  ref?: boolean;
}

/** The error node:timers/promises rejects with when its signal aborts. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason as unknown });
}

function checkOptions(options: unknown, api: string): TimerOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw Object.assign(new TypeError(`The "options" argument of ${api} must be of type object.`), { code: 'ERR_INVALID_ARG_TYPE' });
  }
  const { signal } = options as TimerOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw Object.assign(new TypeError(`The "options.signal" property of ${api} must be an instance of AbortSignal.`), { code: 'ERR_INVALID_ARG_TYPE' });
  }
  return options as TimerOptions;
}

/** node:timers/promises (setTimeout, setImmediate, setInterval, scheduler) on simulated time:
 * each promise is a wait of the task that made it, resumed in that task's drain. */
export function virtualTimerPromises(world: SimWorld) {
  /** A wait that ends after `delayMs` with `value`, or early with an AbortError. */
  const after = <T>(api: string, delayMs: number, value: T, rawOptions: unknown): Promise<T> => {
    const { signal } = checkOptions(rawOptions, api);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const waiter: Waiter<T> = world.waiter<T>(`${api}(${delayMs} ms)`);
    const onAbort = () => {
      world.cancel(event);
      waiter.reject(abortError(signal as AbortSignal));
    };
    const event: SimEvent = world.schedule(delayMs, api, () => {
      signal?.removeEventListener('abort', onAbort);
      waiter.resolve(value);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    return waiter.promise;
  };

  const setTimeout = <T = void>(delay?: unknown, value?: T, options?: unknown): Promise<T> =>
    after('timers/promises.setTimeout', nodeDelayMs(delay), value as T, options);
  const setImmediate = <T = void>(value?: T, options?: unknown): Promise<T> => after('timers/promises.setImmediate', 0, value as T, options);

  function setInterval<T = void>(delay?: unknown, value?: T, rawOptions?: unknown): AsyncIterableIterator<T> {
    const { signal } = checkOptions(rawOptions, 'timers/promises.setInterval');
    const delayMs = nodeDelayMs(delay);
    let ticks = 0;
    let done = false;
    let waiting: Waiter<void> | undefined;
    let event: SimEvent | undefined;
    const tick = () => {
      event = world.schedule(delayMs, 'timers/promises.setInterval', tick);
      if (waiting === undefined) ticks++;
      else {
        const waiter = waiting;
        waiting = undefined;
        waiter.resolve();
      }
    };
    const stop = () => {
      done = true;
      if (event !== undefined) world.cancel(event);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      waiting?.reject(abortError(signal as AbortSignal));
      waiting = undefined;
    };
    if (signal?.aborted) done = true;
    else {
      event = world.schedule(delayMs, 'timers/promises.setInterval', tick);
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<T>> {
        if (signal?.aborted) throw abortError(signal);
        if (done) return { done: true, value: undefined };
        if (ticks > 0) ticks--;
        else {
          waiting = world.waiter<void>(`timers/promises.setInterval(${delayMs} ms)`);
          await waiting.promise;
        }
        return { done: false, value: value as T };
      },
      async return(): Promise<IteratorResult<T>> {
        stop();
        return { done: true, value: undefined };
      },
    };
  }

  const scheduler = {
    wait: (delay: number, options?: unknown): Promise<void> => after('timers/promises.scheduler.wait', nodeDelayMs(delay), undefined, options),
    yield: (): Promise<void> => setImmediate(),
  };
  return { setTimeout, setImmediate, setInterval, scheduler };
}
