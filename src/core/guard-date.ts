import type { GuardSession } from './guard-session.js';
import { realGlobals } from './real-globals.js';

const RealDate = realGlobals.Date;

/** The session the one SimDate serves now; outside any seed (a Date kept past its seed) the
 * real clock answers: no seed's determinism is at stake there. */
let serving: GuardSession | undefined;

export function serveDates(session: GuardSession | undefined): void {
  serving = session;
}

function nowMs(api: string): number {
  return serving === undefined ? RealDate.now() : serving.wallMs(api);
}

interface DateConstructorLike {
  (...args: unknown[]): unknown;
  new (...args: unknown[]): Date;
}

/**
 * The Date a seed sees. A function, not a class: called without `new` it returns the simulated
 * time as a string, as Date() does. It shares Date.prototype, so a date made before the seed (or
 * by structuredClone) is `instanceof Date` inside it and the other way round.
 *
 * One for every seed: a class made per seed stays linked from Date's long-lived prototype by
 * references V8 drops only in a full GC, which kept each seed's world alive past young GCs.
 */
export const SimDate = function Date(this: unknown, ...args: unknown[]): unknown {
  if (new.target === undefined) return new RealDate(nowMs('Date()')).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [nowMs('new Date()')] : args, new.target);
} as unknown as DateConstructorLike & DateConstructor;

Object.defineProperty(SimDate, 'length', { value: 7 });
Object.defineProperty(SimDate, 'prototype', { value: RealDate.prototype, writable: false });
Object.setPrototypeOf(SimDate, Object.getPrototypeOf(RealDate));
SimDate.now = () => nowMs('Date.now()');
SimDate.parse = RealDate.parse;
SimDate.UTC = RealDate.UTC;
