import type { SimEvent } from './event.js';
import type { SimWorld } from './world.js';

/** A Node-like timer object backed by a simulated event. */
class VirtualTimer {
  event: SimEvent | undefined;
  constructor(readonly id: number) {}
  ref(): this { return this; }
  unref(): this { return this; }
  hasRef(): boolean { return true; }
  [Symbol.toPrimitive](): number { return this.id; }
}

/** setTimeout / setInterval / setImmediate running on simulated time (the guard's virtualize mode). */
export function virtualTimers(world: SimWorld) {
  const live = new Map<number, VirtualTimer>();
  let nextId = 1;
  const arm = (timer: VirtualTimer, delayMs: number, kind: string, fire: () => void) => {
    timer.event = world.schedule(delayMs, kind, fire, true);
  };
  const create = (kind: string, delay: unknown, repeat: boolean, callback: unknown, args: unknown[]) => {
    if (typeof callback !== 'function') throw new TypeError(`${kind}: the callback must be a function`);
    const delayMs = Math.max(0, Number(delay) || 0);
    const timer = new VirtualTimer(nextId++);
    live.set(timer.id, timer);
    const fire = () => {
      if (repeat) arm(timer, Math.max(1, delayMs), kind, fire);
      else live.delete(timer.id);
      callback(...args);
    };
    arm(timer, delayMs, kind, fire);
    return timer;
  };
  return {
    setTimeout: (cb: unknown, ms?: unknown, ...args: unknown[]) => create('setTimeout', ms, false, cb, args),
    setInterval: (cb: unknown, ms?: unknown, ...args: unknown[]) => create('setInterval', ms, true, cb, args),
    setImmediate: (cb: unknown, ...args: unknown[]) => create('setImmediate', 0, false, cb, args),
    clear: (handle: unknown) => {
      const id = handle instanceof VirtualTimer ? handle.id : Number(handle);
      const timer = live.get(id);
      if (timer?.event) timer.event.cancelled = true;
      live.delete(id);
    },
  };
}
