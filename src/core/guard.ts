// The nondeterminism guard: what a seed's code reaches of the real world, and what it gets.
//
// Virtualized in a seed ('virtualize', the default) or failing the seed with the call site and
// the fix ('reject'):
// - clocks: Date (new Date(), Date(), Date.now()), performance.now / timeOrigin / mark / measure,
//   process.hrtime (and .bigint), process.uptime, Intl.DateTimeFormat format() and
//   formatToParts() without a date: all read simulated time (guard-date.ts, guard-clock.ts);
// - timers: the global setTimeout / setInterval / setImmediate and their clears, node:timers
//   and node:timers/promises (named imports too), util.promisify(setTimeout): simulated events
//   with Node's clamping (virtual-timers.ts, virtual-timer-promises.ts);
// - entropy: Math.random on its own RNG stream; node:crypto randomBytes / randomFill(Sync) /
//   randomInt / randomUUID / getRandomValues and globalThis.crypto's on the `crypto` stream
//   (guard-crypto.ts).
// Failing the seed in both modes, with the call site and what to use instead: real asynchronous
// I/O through fs, fs/promises, net, dgram, http(s), tls, dns, child_process, zlib's and
// crypto's thread-pool calls and crypto.subtle (guard-builtins.ts); and any real work the seed
// started another way (a dynamic import(), a function taken before the seed), found after each
// turn of the engine, when a continuation resumes the idle world, and at the seed's end
// (real-work-watch.ts); the runner's seed workers also reject a dynamic import() while a seed
// runs (seed-running-flag.ts, runner/seed-import-hook.ts).
// Module functions are patched once per thread with dispatchers (their ES module views synced);
// globals are installed per seed and restored in reverse order when it ends (global-patches.ts).
import { invariant } from './assert.js';
import { NondeterminismError } from './errors.js';
import { dateTimeFormatPatches, GuardClock } from './guard-clock.js';
import { GuardCrypto } from './guard-crypto.js';
import { serveDates, SimDate } from './guard-date.js';
import { patchBuiltins, type GuardHandlers } from './guard-builtins.js';
import { GuardSession, type GuardMode } from './guard-session.js';
import { GlobalPatches } from './global-patches.js';
import { realGlobals } from './real-globals.js';
import { RealWorkWatch } from './real-work-watch.js';
import { seedRunningFlag } from './seed-running-flag.js';
import { virtualTimers } from './virtual-timers.js';
import type { SimWorld } from './world.js';

export { SIM_EPOCH_MS, userCallSite, type GuardMode } from './guard-session.js';

/** The guards installed in this thread, innermost last; the dispatchers serve the last. */
const installed: GuardHandlers[] = [];
const active = (): GuardHandlers | undefined => installed[installed.length - 1];

/** Ends a seed's guard: restores what it replaced. `session` is the guard's record of what it
 * handed out (undefined in mode 'off'). */
export type GuardRestore = (() => void) & { readonly session: GuardSession | undefined };

const NAMES = new Map<object, string>([
  [globalThis, 'globalThis'],
  [Math, 'Math'],
  [performance, 'performance'],
  [process, 'process'],
  [Intl.DateTimeFormat.prototype, 'Intl.DateTimeFormat.prototype'],
]);

/** Replaces the nondeterministic globals for the duration of a seed; returns the restore function. */
export function installGuard(world: SimWorld, mode: GuardMode): GuardRestore {
  if (mode === 'off') return Object.assign(() => undefined, { session: undefined });
  patchBuiltins(active);
  const session = new GuardSession(world, mode);
  const timers = virtualTimers(world);
  const handlers: GuardHandlers = { session, timers, crypto: new GuardCrypto(session, world.rng.crypto) };
  const clock = new GuardClock(session);
  const virtual = session.virtual;
  const patches = new GlobalPatches();
  patches.set(globalThis, 'Date', { value: SimDate });
  const mathRandom = world.rng.mathRandom;
  patches.set(Math, 'random', { value: () => session.number('Math.random()', mathRandom.float()) });
  patches.set(performance, 'now', { value: clock.now });
  patches.set(performance, 'timeOrigin', { get: () => clock.timeOrigin() });
  patches.set(performance, 'mark', { value: clock.mark });
  patches.set(performance, 'measure', { value: clock.measure });
  patches.set(process, 'hrtime', { value: clock.hrtime });
  patches.set(process, 'uptime', { value: clock.uptime });
  const intl = dateTimeFormatPatches((api) => session.wallMs(api));
  patches.set(Intl.DateTimeFormat.prototype, 'format', intl.format);
  patches.set(Intl.DateTimeFormat.prototype, 'formatToParts', { value: intl.formatToParts.value });
  for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
    patches.set(globalThis, name, { value: virtual ? timers[name] : () => session.reject(name) });
  }
  for (const [name, real] of [
    ['clearTimeout', realGlobals.clearTimeout],
    ['clearInterval', realGlobals.clearInterval],
    ['clearImmediate', realGlobals.clearImmediate],
  ] as const) {
    patches.set(globalThis, name, { value: (handle: unknown) => timers.clear(handle) || (real as (h: unknown) => void)(handle) });
  }
  installed.push(handlers);
  serveDates(session);
  Atomics.add(seedRunningFlag(), 0, 1);
  const watch = new RealWorkWatch(session);
  world.watchTurns(watch);
  const restore = () => {
    invariant(active() === handlers, `the guard of seed ${world.seed} was restored out of order: guards nest, so restore the innermost first`);
    world.watchTurns(undefined);
    Atomics.sub(seedRunningFlag(), 0, 1);
    watch.checkAtEnd();
    clock.clear();
    installed.pop();
    serveDates(active()?.session);
    const replaced = patches.restore((target, key) => `${NAMES.get(target) ?? 'a global'}.${String(key)}`);
    if (replaced.length > 0) {
      session.failWith(
        new NondeterminismError(
          replaced.join(', '),
          'the end of the seed',
          'Leave the globals the guard installs in place (a fake-timers or seeded-random library does its own patching: use the providers instead).',
          `code in the seed replaced ${replaced.length === 1 ? 'it' : 'them'} and did not put ${replaced.length === 1 ? 'it' : 'them'} back; moonpool restored the originals`,
        ),
      );
    }
  };
  return Object.assign(restore, { session });
}
