import { currentWorld } from '../core/current.js';
import { TimeoutError } from '../core/errors.js';
import type { TimeProvider } from '../providers/time-provider.js';

/** A request's running timeout, withdrawn once the request settles. */
export interface Deadline {
  clear(): void;
}

/** What a deadline is set on: anything with a promise that settles when it is done. */
export interface Settling {
  readonly promise: Promise<unknown>;
}

/** Starts the timeout of `owner`: `expire(owner)` runs once `ms` pass, unless its promise
 * settled first. Returns what to clear on settling, if the timer needs it. */
export type StartDeadline = <T extends Settling>(owner: T, ms: number, expire: (owner: T) => void) => Deadline | undefined;

/**
 * Request timeouts on the client's time provider. In a seed, with the world's own logical time
 * (no `time` in the options), a world alarm: the same 'timeout' event and named wait that
 * SimTimeProvider.timeout() makes, minus its promise chain, which cost every round trip three
 * promises and two microtask hops. Otherwise the provider's timeout() on the owner's promise.
 */
export function resolveRequestDeadlines(optionsTime: TimeProvider | undefined, time: TimeProvider): StartDeadline {
  const world = currentWorld();
  if (optionsTime === undefined && world !== undefined) return (owner, ms, expire) => world.alarm(ms, expire, owner);
  return (owner, ms, expire) => {
    time.timeout(ms, owner.promise).catch((error: unknown) => {
      if (error instanceof TimeoutError) expire(owner);
    });
    return undefined;
  };
}
