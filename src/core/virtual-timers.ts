import type { SimEvent } from './event.js';
import { nodeDelayMs } from './node-delay.js';
import { virtualTimerPromises } from './virtual-timer-promises.js';
import type { SimWorld } from './world.js';

/** A Node-like Timeout or Immediate backed by a simulated event. */
class VirtualTimer {
  event: SimEvent | undefined = undefined;
  private referenced = true;

  constructor(
    readonly id: number,
    readonly kind: string,
    private readonly timers: { arm(timer: VirtualTimer): void; clear(timer: VirtualTimer): void },
    readonly delayMs: number,
    readonly repeat: boolean,
    readonly fire: () => void,
  ) {}

  ref(): this {
    this.referenced = true;
    return this;
  }

  unref(): this {
    this.referenced = false;
    return this;
  }

  hasRef(): boolean {
    return this.referenced;
  }

  /** Re-arms the timer for its full delay from now, even after it fired, as Node's does. */
  refresh(): this {
    this.timers.arm(this);
    return this;
  }

  close(): this {
    this.timers.clear(this);
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(VirtualTimer.prototype, Symbol.dispose, {
    value(this: VirtualTimer) {
      this.close();
    },
  });
}

/** setTimeout / setInterval / setImmediate and their clears on simulated time (the guard's
 * virtualize mode), each callback run as an event of the task that set it. */
export function virtualTimers(world: SimWorld) {
  const live = new Map<number, VirtualTimer>();
  let nextId = 1;
  const books = {
    arm(timer: VirtualTimer): void {
      if (timer.event !== undefined) world.cancel(timer.event);
      live.set(timer.id, timer);
      timer.event = world.schedule(timer.delayMs, timer.kind, timer.fire, true);
    },
    clear(timer: VirtualTimer): void {
      if (timer.event !== undefined) world.cancel(timer.event);
      timer.event = undefined;
      live.delete(timer.id);
    },
  };
  const create = (kind: string, delayMs: number, repeat: boolean, callback: unknown, args: unknown[]): VirtualTimer => {
    if (typeof callback !== 'function') {
      throw Object.assign(new TypeError(`The "callback" argument of ${kind} must be of type function. Received ${typeof callback}`), { code: 'ERR_INVALID_ARG_TYPE' });
    }
    const timer: VirtualTimer = new VirtualTimer(nextId++, kind, books, delayMs, repeat, () => {
      timer.event = undefined;
      if (repeat) books.arm(timer);
      else live.delete(timer.id);
      callback.apply(timer, args);
    });
    books.arm(timer);
    return timer;
  };
  /** Clears a virtual timer (or its id); false when `handle` is none of this seed's. */
  const clear = (handle: unknown): boolean => {
    if (handle === undefined || handle === null) return true;
    const timer = handle instanceof VirtualTimer ? handle : typeof handle === 'number' || typeof handle === 'string' ? live.get(Number(handle)) : undefined;
    if (timer !== undefined) books.clear(timer);
    return timer !== undefined || handle instanceof VirtualTimer;
  };
  // util.promisify(setTimeout) reaches `promises` through node:timers' dispatcher
  // (guard-builtins.ts), which is the global setTimeout in a seed.
  return {
    setTimeout: (cb: unknown, ms?: unknown, ...args: unknown[]) => create('setTimeout', nodeDelayMs(ms), false, cb, args),
    setInterval: (cb: unknown, ms?: unknown, ...args: unknown[]) => create('setInterval', nodeDelayMs(ms), true, cb, args),
    setImmediate: (cb: unknown, ...args: unknown[]) => create('setImmediate', 0, false, cb, args),
    clear,
    promises: virtualTimerPromises(world),
  };
}

export type VirtualTimers = ReturnType<typeof virtualTimers>;
