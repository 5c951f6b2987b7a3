import { createRequire } from 'node:module';
import type { MeasureOptions } from 'node:perf_hooks';
import { realMark, realMeasure } from './guard-clock.js';
import { SimDate } from './guard-date.js';
import { activeGuard } from './guard-stack.js';
import { GlobalPatches } from './global-patches.js';
import { realGlobals } from './real-globals.js';

const require = createRequire(import.meta.url);

// The replacements are made once, not per seed, and find the seed they serve through
// activeGuard(): a function made per seed and stored on a long-lived object (globalThis,
// performance, a prototype) is kept, with its seed's world, by V8's hidden classes and inline
// caches until a full GC. Called outside any seed (a reference kept past its seed, or the
// permanent ones below), each answers as the real one.

const realHrtime = process.hrtime;
const realUptime = process.uptime;
const formatGetter = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')?.get as (this: Intl.DateTimeFormat) => (date?: Date | number) => string;
const realFormatToParts = Intl.DateTimeFormat.prototype.formatToParts;

function random(): number {
  const guard = activeGuard();
  return guard === undefined ? realGlobals.mathRandom() : guard.session.number('Math.random()', guard.session.world.rng.mathRandom.float());
}

function now(): number {
  return activeGuard()?.clock.now() ?? realGlobals.performanceNow();
}

function timeOrigin(): number {
  return activeGuard()?.clock.timeOrigin() ?? realGlobals.Date.now() - realGlobals.performanceNow();
}

function mark(name: string, options?: { startTime?: number; detail?: unknown }) {
  const guard = activeGuard();
  return guard === undefined ? realMark(name, options) : guard.clock.mark(name, options);
}

function measure(name: string, startOrOptions?: string | MeasureOptions, endMark?: string) {
  const guard = activeGuard();
  return guard === undefined ? realMeasure(name, startOrOptions as string, endMark) : guard.clock.measure(name, startOrOptions, endMark);
}

const hrtime = Object.assign(
  function hrtime(previous?: [number, number]): [number, number] {
    const guard = activeGuard();
    return guard === undefined ? realHrtime(previous) : guard.clock.hrtime(previous);
  },
  {
    bigint(): bigint {
      return activeGuard()?.clock.hrtimeBigint() ?? realHrtime.bigint();
    },
  },
);

function uptime(): number {
  return activeGuard()?.clock.uptime() ?? realUptime();
}

/** format() and formatToParts() with no date read V8's own clock, not Date: a seed's get the
 * simulated time instead. */
function format(this: Intl.DateTimeFormat) {
  const real = formatGetter.call(this);
  return (date?: Date | number) => {
    const guard = activeGuard();
    return real(date === undefined && guard !== undefined ? guard.session.wallMs('Intl.DateTimeFormat format()') : date);
  };
}

function formatToParts(this: Intl.DateTimeFormat, date?: Date | number) {
  const guard = activeGuard();
  return realFormatToParts.call(this, date === undefined && guard !== undefined ? guard.session.wallMs('Intl.DateTimeFormat format()') : date);
}

/** Where the guard's clocks live for good: performance's methods and timeOrigin (accessors and
 * methods of its prototype), process.hrtime / uptime and Intl.DateTimeFormat's format, each
 * answering as the real one outside a seed. Installed once per thread: defining properties on
 * these objects per seed cost more than the rest of the guard. */
let permanent = false;

function installPermanent(): void {
  if (permanent) return;
  permanent = true;
  const define = (target: object, key: string, descriptor: PropertyDescriptor) =>
    Object.defineProperty(target, key, { configurable: true, enumerable: Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? true, ...descriptor });
  define(performance, 'now', { value: now, writable: true });
  define(performance, 'timeOrigin', { get: timeOrigin });
  define(performance, 'mark', { value: mark, writable: true });
  define(performance, 'measure', { value: measure, writable: true });
  define(process, 'hrtime', { value: hrtime, writable: true });
  define(process, 'uptime', { value: uptime, writable: true });
  define(Intl.DateTimeFormat.prototype, 'format', { get: format });
  define(Intl.DateTimeFormat.prototype, 'formatToParts', { value: formatToParts, writable: true });
}

/** Installs the guarded globals for a seed (the timers are node:timers' dispatchers, patched
 * already); restore what it returns when the seed ends. */
export function installGlobals(): GlobalPatches {
  installPermanent();
  const timers = require('timers') as Record<string, unknown>;
  const patches = new GlobalPatches();
  patches.set(globalThis, 'Date', SimDate);
  patches.set(Math, 'random', random);
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
    patches.set(globalThis, name, timers[name]);
  }
  return patches;
}

/** How a global patched per seed is named in a report. */
export function globalName(target: object, key: PropertyKey): string {
  return `${target === Math ? 'Math' : 'globalThis'}.${String(key)}`;
}
