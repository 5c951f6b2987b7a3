// The nondeterminism guard: what a seed's code reaches of the real world, and what it gets.
//
// Virtualized in a seed ('virtualize', the default) or failing the seed with the call site and
// the fix ('reject'):
// - clocks: Date (new Date(), Date(), Date.now()), performance.now / timeOrigin / mark / measure,
//   process.hrtime (and .bigint), process.uptime, Intl.DateTimeFormat format() and
//   formatToParts() without a date: all read simulated time (guard-date.ts, guard-clock.ts);
// - timers: the global setTimeout / setInterval / setImmediate and their clears, node:timers
//   and node:timers/promises (named imports too), util.promisify(setTimeout), AbortSignal.timeout:
//   simulated events with Node's clamping (virtual-timers.ts, virtual-timer-promises.ts);
// - entropy: Math.random on its own RNG stream; node:crypto randomBytes / randomFill(Sync) /
//   randomInt / randomUUID / getRandomValues and globalThis.crypto's on the `crypto` stream
//   (guard-crypto.ts).
// Failing the seed in both modes, with the call site and what to use instead: real asynchronous
// I/O through fs, fs/promises, net, dgram, http(s), tls, dns, child_process, zlib's and
// crypto's thread-pool calls and crypto.subtle (guard-builtins.ts; an http.request() through an
// agent of httpAgent() goes through a NetworkProvider and is allowed, and a server response's
// Date header reads the simulated clock: guard-http.ts); and any real work the seed
// started another way (a dynamic import(), a function taken before the seed), found after each
// turn of the engine, when a continuation resumes the idle world, and at the seed's end
// (real-work-watch.ts); the runner's seed workers also reject a dynamic import() while a seed
// runs (seed-running-flag.ts, runner/worker/seed-import-hook.ts).
// An exception no code catches while the seed runs (a throwing listener Node calls from its own
// queue) and an unhandled rejection fail the seed as a task failure (uncaught-errors.ts).
// Module functions are patched once per thread with dispatchers (their ES module views synced);
// globals are installed per seed and restored in reverse order when it ends (global-patches.ts).
import { failSeedOnUncaught } from './uncaught-errors.js';
import { NondeterminismError } from './errors.js';
import { patchBuiltins } from './guard-builtins.js';
import { GuardClock } from './guard-clock.js';
import { GuardCrypto } from './guard-crypto.js';
import { serveDates } from './guard-date.js';
import { globalName, installGlobals } from './guard-globals.js';
import type { GuardHandlers } from './guard-handlers.js';
import { GuardSession, type GuardMode } from './guard-session.js';
import { activeGuard, popGuard, pushGuard } from './guard-stack.js';
import { RealWorkWatch } from './real-work-watch.js';
import { seedRunningFlag } from './seed-running-flag.js';
import { virtualTimers } from './virtual-timers.js';
import type { SimWorld } from './world.js';

export { SIM_EPOCH_MS, userCallSite, type GuardMode } from './guard-session.js';

/** Patches the builtin modules loaded since the running seed's guard was installed (one loaded
 * by moonpool on first use, such as node:http) at once rather than from the next seed on. No
 * guard installed, nothing: production code never has its modules patched. */
export function patchLoadedBuiltins(): void {
  if (activeGuard() !== undefined) patchBuiltins(activeGuard);
}

/** Ends a seed's guard: restores what it replaced. `session` is the guard's record of what it
 * handed out (undefined in mode 'off'). */
export type GuardRestore = (() => void) & { readonly session: GuardSession | undefined };

/** Replaces the nondeterministic globals for the duration of a seed; returns the restore function. */
export function installGuard(world: SimWorld, mode: GuardMode): GuardRestore {
  if (mode === 'off') return Object.assign(() => undefined, { session: undefined });
  patchBuiltins(activeGuard);
  const session = new GuardSession(world, mode);
  const handlers: GuardHandlers = { session, timers: virtualTimers(world), crypto: new GuardCrypto(session, world.rng.crypto), clock: new GuardClock(session) };
  pushGuard(handlers);
  const patches = installGlobals();
  serveDates(session);
  Atomics.add(seedRunningFlag(), 0, 1);
  const watch = new RealWorkWatch(session);
  world.watchTurns(watch);
  const stopCatching = failSeedOnUncaught(world);
  const restore = () => {
    stopCatching();
    popGuard(handlers);
    world.watchTurns(undefined);
    Atomics.sub(seedRunningFlag(), 0, 1);
    watch.checkAtEnd();
    handlers.clock.clear();
    serveDates(activeGuard()?.session);
    const replaced = patches.restore(globalName);
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
