// Antithesis/FoundationDB-style assertions. alwaysAssert and unreachable fail the running seed
// (and throw, so the code path stops; world.fail has already recorded the failure, so a catch in
// user code cannot hide it). sometimesAssert and reachable count coverage per seed.
import { currentWorld } from '../core/current.js';
import { callerSite } from './call-site.js';
import { AssertionFailure } from './chaos-errors.js';
import { chaosOf } from './chaos-context.js';
import { coverageOf } from './coverage-recorder.js';
import { insideInvariantCheck } from './invariant-scope.js';

function fail(kind: 'always' | 'unreachable', message: string, skip: (...args: never[]) => unknown): never {
  const world = currentWorld();
  const projectRoot = world === undefined ? undefined : chaosOf(world)?.projectRoot;
  const error = new AssertionFailure(kind, message, callerSite(skip, projectRoot), world);
  if (world !== undefined && !insideInvariantCheck()) world.fail(error);
  throw error;
}

/** Must hold every time: false fails the seed (in production: throws an AssertionFailure).
 * Pass the message as a function to build it only on failure, for example
 * `alwaysAssert(ok, () => \`bad reply ${JSON.stringify(reply)}\`)`: a hot path then pays nothing. */
export function alwaysAssert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) fail('always', typeof message === 'function' ? message() : message, alwaysAssert);
}

/** Must hold at least once across all seeds of a run; reported when it never did. */
export function sometimesAssert(condition: unknown, message: string): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).record('sometimes', message, Boolean(condition));
}

/** Marks code that some seed should reach; counted like a sometimes-assertion that holds. */
export function reachable(message: string): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).record('reachable', message, true);
}

/** Marks code that must never run: reaching it fails like a false alwaysAssert. */
export function unreachable(message: string): never {
  fail('unreachable', message, unreachable);
}
