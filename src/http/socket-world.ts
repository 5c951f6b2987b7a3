import { currentWorld } from '../core/current.js';
import { TaskFailedError } from '../core/errors.js';
import { SIM_EPOCH_MS } from '../core/guard-session.js';
import { realGlobals } from '../core/real-globals.js';
import type { SimWorld } from '../core/world.js';

/** How far before its deadline a timer may go off and still count as on time: a deadline met by
 * `now + (deadline - now)` can round to a hair before it, and re-arming for that hair would
 * never move simulated time. */
export const TIMER_SLACK_MS = 1e-6;

/** A pending timer of a socket; cancel() is idempotent. */
export interface SocketTimer {
  cancel(): void;
}

/**
 * The world a socket adapter runs in, fixed when the socket is made: inside a seed the seed's
 * SimWorld (simulated time; a timer is an event of the task that set it, skipped once that task's
 * process crashed), outside one the real clock and unref'd timers (as net.Socket's own). It is
 * also where an exception thrown by user code the adapter called (a 'data' or 'timeout'
 * listener, a request handler) goes: in a seed it fails the seed as that task's error, outside
 * one it is thrown again, uncaught, as an exception thrown from a real socket's listener is.
 */
export class SocketWorld {
  private static readonly real = new SocketWorld(undefined);

  private constructor(private readonly world: SimWorld | undefined) {}

  /** The world of the seed running now, or the real one. */
  static current(): SocketWorld {
    const world = currentWorld();
    return world === undefined ? SocketWorld.real : new SocketWorld(world);
  }

  get simulated(): boolean {
    return this.world !== undefined;
  }

  /** Monotonic milliseconds. */
  nowMs(): number {
    return this.world === undefined ? realGlobals.performanceNow() : this.world.nowMs;
  }

  /** Milliseconds since the epoch: in a seed, the guard's simulated wall clock. */
  wallMs(): number {
    return this.world === undefined ? realGlobals.dateNow() : SIM_EPOCH_MS + Math.floor(this.world.nowMs);
  }

  /** Calls `fire` after `delayMs`. */
  after(delayMs: number, fire: () => void): SocketTimer {
    const world = this.world;
    if (world === undefined) {
      const handle = realGlobals.setTimeout(fire, delayMs);
      handle.unref();
      return { cancel: () => realGlobals.clearTimeout(handle) };
    }
    const event = world.schedule(delayMs, 'socket-timer', fire, true);
    return { cancel: () => world.cancel(event) };
  }

  /** Runs user-reaching code, sending what it throws where it belongs (see the class). */
  guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.report(error);
    }
  }

  /** An exception of user code the adapter called. */
  report(error: unknown): void {
    const world = this.world;
    if (world === undefined) {
      process.nextTick(() => {
        throw error;
      });
      return;
    }
    world.fail(new TaskFailedError(world.runningTask?.name ?? 'a socket listener', error));
  }
}
