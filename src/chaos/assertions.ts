// Antithesis/FoundationDB-style assertions. alwaysAssert, its numeric forms and unreachable fail
// the running seed (and throw, so the code path stops; world.fail has already recorded the
// failure, so a catch in user code cannot hide it). The sometimes forms and reachable count
// coverage per seed; every site's first reach, first success, new bucket, more conditions true
// at once or better value is a discovery an exploration branches from (coverage-recorder.ts).
import { currentWorld } from '../core/current.js';
import type { CoverageKind } from './coverage.js';
import { callerSite } from '../core/call-site.js';
import { AssertionFailure } from './chaos-errors.js';
import { chaosOf } from './chaos-context.js';
import { coverageOf } from './coverage-recorder.js';
import { insideInvariantCheck } from './invariant-scope.js';

function fail(kind: 'always' | 'unreachable', message: string, skip: (...args: never[]) => unknown, numeric?: { name: string; observed: string }): never {
  const world = currentWorld();
  const projectRoot = world === undefined ? undefined : chaosOf(world)?.projectRoot;
  const error = new AssertionFailure(kind, message, callerSite(skip, projectRoot), world, numeric);
  if (world !== undefined && !insideInvariantCheck()) world.fail(error);
  throw error;
}

/** Must hold every time: false fails the seed (in production: throws an AssertionFailure).
 * Pass the message as a function to build it only on failure, for example
 * `alwaysAssert(ok, () => \`bad reply ${JSON.stringify(reply)}\`)`: a hot path then pays nothing.
 * A literal message makes a coverage site the runner reports when no seed reaches it. */
export function alwaysAssert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) fail('always', typeof message === 'function' ? message() : message, alwaysAssert);
  if (typeof message !== 'string') return;
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).alwaysHeld(message);
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

/** Every named condition should be true at once in some seed. Reports track the most that were
 * true at once (and which), and each new high is a discovery an exploration branches from:
 * `sometimesAll('quorum lost and regained', { leaderDown, partitionHealed, writeAcked })`. */
export function sometimesAll(message: string, conditions: Readonly<Record<string, unknown>>): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).all(message, conditions);
}

/** A key of sometimesEach: a value, or named values (`{ lock: 2, depth: 3 }` is `lock=2, depth=3`). */
export type EachKey = string | number | boolean | bigint | Readonly<Record<string, string | number | boolean | bigint>>;

function keyText(key: EachKey): string {
  if (typeof key !== 'object' || key === null) return String(key);
  let text = '';
  for (const name of Object.keys(key)) text += `${text === '' ? '' : ', '}${name}=${String(key[name])}`;
  return text;
}

/** One bucket per distinct key, each a sometimes-assertion of its own (`condition`, default
 * true, should hold in each bucket): `sometimesEach('replica caught up', { lag: bucketOf(lag) })`.
 * A new bucket is a discovery. At most BUCKETS_PER_SITE_MAX keys per site and seed. */
export function sometimesEach(message: string, key: EachKey, condition: unknown = true): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).each(message, keyText(key), Boolean(condition));
}

/** `always-less-than` → `alwaysLessThan`: the function a kind is named after. */
function functionName(kind: CoverageKind): string {
  return kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Records a numeric always-form and fails the seed when it does not hold. */
function numericAlways(kind: CoverageKind, value: number, bound: number, message: string, holds: boolean, skip: (...args: never[]) => unknown, operator: string): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).numeric(kind, message, value, bound, holds);
  if (!holds) fail('always', message, skip, { name: functionName(kind), observed: `saw ${value}, not ${operator} ${bound}` });
}

function numericSometimes(kind: CoverageKind, value: number, bound: number, message: string, holds: boolean): void {
  const world = currentWorld();
  if (world !== undefined) coverageOf(world).numeric(kind, message, value, bound, holds);
}

/** Must hold every time: `value < bound`, else the seed fails. Reports keep the largest value
 * seen (the closest it came to failing), which an exploration tries to push further. */
export function alwaysLessThan(value: number, bound: number, message: string): void {
  numericAlways('always-less-than', value, bound, message, value < bound, alwaysLessThan, '<');
}

/** Must hold every time: `value <= bound` (see alwaysLessThan). */
export function alwaysLessThanOrEqual(value: number, bound: number, message: string): void {
  numericAlways('always-less-than-or-equal', value, bound, message, value <= bound, alwaysLessThanOrEqual, '<=');
}

/** Must hold every time: `value > bound`. Reports keep the smallest value seen. */
export function alwaysGreaterThan(value: number, bound: number, message: string): void {
  numericAlways('always-greater-than', value, bound, message, value > bound, alwaysGreaterThan, '>');
}

/** Must hold every time: `value >= bound` (see alwaysGreaterThan). */
export function alwaysGreaterThanOrEqual(value: number, bound: number, message: string): void {
  numericAlways('always-greater-than-or-equal', value, bound, message, value >= bound, alwaysGreaterThanOrEqual, '>=');
}

/** Should hold at least once across the run: `value < bound`. Reports keep the smallest value
 * seen, and each new low is a discovery an exploration branches from. */
export function sometimesLessThan(value: number, bound: number, message: string): void {
  numericSometimes('sometimes-less-than', value, bound, message, value < bound);
}

/** Should hold at least once across the run: `value > bound`. Reports keep the largest value seen. */
export function sometimesGreaterThan(value: number, bound: number, message: string): void {
  numericSometimes('sometimes-greater-than', value, bound, message, value > bound);
}
