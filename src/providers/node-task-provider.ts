import { TaskCancelledError } from '../core/errors.js';
import { realGlobals } from '../core/real-globals.js';
import type { ProcessLife } from './process-life.js';
import { TaskProvider, type TaskHandle } from './task-provider.js';

/** Production tasks: the function runs on the next macrotask; cancel() settles join() at once
 * with a TaskCancelledError (the running code itself cannot be stopped from outside). With a
 * `life` (`--real`), killing it stops tasks not yet started from starting, and every join()
 * never settles. */
export class NodeTaskProvider extends TaskProvider {
  constructor(private readonly life?: ProcessLife) {
    super();
  }

  spawn<T>(name: string, fn: () => Promise<T> | T): TaskHandle<T> {
    const life = this.life;
    if (life?.alive === false) return { name, join: () => life.never(), cancel: () => undefined };
    let cancel!: (error: Error) => void;
    const cancelled = new Promise<never>((_, reject) => (cancel = reject));
    cancelled.catch(() => undefined);
    const run = new Promise<T>((resolve, reject) => {
      const forget = life?.onKill(() => realGlobals.clearImmediate(start));
      const start = realGlobals.setImmediate(() => {
        forget?.();
        try {
          Promise.resolve(fn()).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
    run.catch(() => undefined);
    const raced = Promise.race([run, cancelled]);
    const result = life === undefined ? raced : life.guard(raced);
    result.catch(() => undefined);
    return { name, join: () => result, cancel: () => cancel(new TaskCancelledError(name)) };
  }
}
