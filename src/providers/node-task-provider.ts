import { TaskCancelledError } from '../core/errors.js';
import { realGlobals } from '../core/real-globals.js';
import { TaskProvider, type TaskHandle } from './task-provider.js';

/** Production tasks: the function runs on the next macrotask; cancel() settles join() at once
 * with a TaskCancelledError (the running code itself cannot be stopped from outside). */
export class NodeTaskProvider extends TaskProvider {
  spawn<T>(name: string, fn: () => Promise<T> | T): TaskHandle<T> {
    let cancel!: (error: Error) => void;
    const cancelled = new Promise<never>((_, reject) => (cancel = reject));
    cancelled.catch(() => undefined);
    const run = new Promise<T>((resolve, reject) => {
      realGlobals.setImmediate(() => {
        try {
          Promise.resolve(fn()).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
    run.catch(() => undefined);
    const result = Promise.race([run, cancelled]);
    result.catch(() => undefined);
    return { name, join: () => result, cancel: () => cancel(new TaskCancelledError(name)) };
  }
}
