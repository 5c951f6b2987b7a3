import { TaskFailedError } from './errors.js';
import type { SimWorld } from './world.js';
import { processOfTask } from './timeline-recorder.js';

/**
 * While a seed runs, an exception no code catches (a throwing `'end'` or `'close'` listener that
 * Node calls from its own queue, a rejected promise nobody handles) fails the seed as a task
 * failure of the process whose code ran, instead of killing the thread and every seed after it.
 * Returns the function that stops listening.
 */
export function failSeedOnUncaught(world: SimWorld): () => void {
  const fail = (what: string) => (error: unknown) => {
    const lane = processOfTask(world.runningTaskName());
    world.fail(new TaskFailedError(lane === 'sim' ? what : `${lane}/${what}`, error));
  };
  const onException = fail('uncaught-exception');
  const onRejection = fail('unhandled-rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
