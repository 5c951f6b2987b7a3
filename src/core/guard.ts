import { NondeterminismError } from './errors.js';
import { realGlobals } from './real-globals.js';
import type { SimWorld } from './world.js';
import { virtualTimers } from './virtual-timers.js';

/** What happens when workload code touches a real clock, timer or Math.random during a seed. */
export type GuardMode = 'virtualize' | 'reject' | 'off';

/** Simulated wall-clock origin: 2025-01-01T00:00:00Z, so `new Date()` is the same for every seed. */
export const SIM_EPOCH_MS = 1_735_689_600_000;

const FIXES: Record<string, string> = {
  'Math.random()': 'Inject RandomProvider and call random() (seeded in the simulation, crypto in production).',
  'Date.now()': 'Inject TimeProvider and call now().',
  'new Date()': 'Inject TimeProvider and build dates from now().',
  'performance.now()': 'Inject TimeProvider and call now().',
  setTimeout: 'Inject TimeProvider and await sleep(ms).',
  setInterval: 'Inject TimeProvider and loop over await sleep(ms).',
  setImmediate: 'Inject TimeProvider and await sleep(0).',
};

/** The first stack frame outside moonpool's own files: where the user called the API. */
export function userCallSite(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  const frame = lines.find((l) => !/[\\/]core[\\/](guard|virtual-timers)\.[jt]s/.test(l) && !l.includes('node:internal'));
  return frame?.trim().replace(/^at /, '') ?? 'an unknown call site';
}

function reject(world: SimWorld, api: string): never {
  const error = new NondeterminismError(api, userCallSite(), FIXES[api] ?? '');
  world.fail(error);
  throw error;
}

/** The seed the guard serves now (the innermost install), read by the one SimDate class. */
let guarded: { world: SimWorld; virtual: boolean } | undefined;

/** The simulated wall clock for `api`, or reject mode's error. Outside any seed (a Date class
 * kept past its seed) the real clock answers: no seed's determinism is at stake there. */
function simWallMs(api: string): number {
  if (guarded === undefined) return realGlobals.Date.now();
  return guarded.virtual ? SIM_EPOCH_MS + Math.floor(guarded.world.nowMs) : reject(guarded.world, api);
}

// One Date class for every seed. A class made per seed stays linked from Date's long-lived
// prototype by references V8 drops only in a full GC, so each seed's class, and through it the
// seed's whole world, outlived young-generation GCs and was promoted: a full GC every few hundred
// seeds, and every optimized closure of the seeds recompiled after each.
class SimDate extends realGlobals.Date {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(simWallMs('new Date()'));
    else super(...(args as [string]));
  }
  static override now(): number {
    return simWallMs('Date.now()');
  }
}

/** Replaces the nondeterministic globals for the duration of a seed; returns the restore function. */
export function installGuard(world: SimWorld, mode: GuardMode): () => void {
  if (mode === 'off') return () => undefined;
  const saved = {
    Date: globalThis.Date,
    random: Math.random,
    perfNow: Object.getOwnPropertyDescriptor(performance, 'now'),
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    setImmediate: globalThis.setImmediate,
    clearImmediate: globalThis.clearImmediate,
  };
  const virtual = mode === 'virtualize';
  const previous = guarded;
  guarded = { world, virtual };
  const g = globalThis as Record<string, unknown>;
  g.Date = SimDate;
  Math.random = virtual ? () => world.rng.user.float() : () => reject(world, 'Math.random()');
  Object.defineProperty(performance, 'now', {
    configurable: true,
    writable: true,
    value: virtual ? () => world.nowMs : () => reject(world, 'performance.now()'),
  });
  const timers = virtualTimers(world);
  for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
    g[name] = virtual ? timers[name] : () => reject(world, name);
  }
  g.clearTimeout = g.clearInterval = g.clearImmediate = timers.clear;
  return () => {
    guarded = previous;
    Object.assign(globalThis, {
      Date: saved.Date,
      setTimeout: saved.setTimeout,
      clearTimeout: saved.clearTimeout,
      setInterval: saved.setInterval,
      clearInterval: saved.clearInterval,
      setImmediate: saved.setImmediate,
      clearImmediate: saved.clearImmediate,
    });
    Math.random = saved.random;
    if (saved.perfNow) Object.defineProperty(performance, 'now', saved.perfNow);
    else delete (performance as unknown as Record<string, unknown>).now;
  };
}
