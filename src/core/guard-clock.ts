import type { MeasureOptions, PerformanceMark, PerformanceMeasure } from 'node:perf_hooks';
import type { GuardSession } from './guard-session.js';
import { SIM_EPOCH_MS } from './guard-session.js';

/** Where process.hrtime() starts in a seed: an arbitrary fixed point, as on a real machine. */
const HRTIME_ORIGIN_NS = 1_000_000_000_000n;
const NS_PER_S = 1_000_000_000n;

// Taken before the guard puts its own on `performance` (guard-globals.ts), which uses them
// outside a seed.
export const realMark = performance.mark.bind(performance);
export const realMeasure = performance.measure.bind(performance);
const realClearMarks = performance.clearMarks.bind(performance);
const realClearMeasures = performance.clearMeasures.bind(performance);

/** The monotonic clocks of a seed (process.hrtime, process.uptime, performance.*), all on
 * simulated time; the marks and measures a seed made are cleared when it ends, so no seed reads
 * another's. */
export class GuardClock {
  private readonly marks = new Set<string>();
  private readonly measures = new Set<string>();

  constructor(private readonly session: GuardSession) {}

  private nowNs(api: string): bigint {
    const ms = this.session.number(api, this.session.world.nowMs);
    return HRTIME_ORIGIN_NS + BigInt(Math.round(ms * 1e6));
  }

  hrtime(previous?: [number, number]): [number, number] {
    let ns = this.nowNs('process.hrtime()');
    if (previous !== undefined) {
      if (!Array.isArray(previous) || previous.length !== 2) throw new TypeError('process.hrtime(time): time must be an array of two integers [seconds, nanoseconds]');
      ns -= BigInt(previous[0]) * NS_PER_S + BigInt(previous[1]);
    }
    return [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];
  }

  hrtimeBigint(): bigint {
    return this.nowNs('process.hrtime.bigint()');
  }

  uptime(): number {
    return this.session.number('process.uptime()', this.session.world.nowMs / 1000);
  }

  now(): number {
    return this.session.number('performance.now()', this.session.world.nowMs);
  }

  timeOrigin(): number {
    return this.session.number('performance.timeOrigin', SIM_EPOCH_MS);
  }

  mark(name: string, options?: { startTime?: number; detail?: unknown }): PerformanceMark {
    const startTime = options?.startTime ?? this.session.number('performance.mark()', this.session.world.nowMs);
    this.marks.add(String(name));
    return realMark(name, { ...options, startTime });
  }

  measure(name: string, startOrOptions?: string | MeasureOptions, endMark?: string): PerformanceMeasure {
    const now = () => this.session.number('performance.measure()', this.session.world.nowMs);
    let options: MeasureOptions;
    if (typeof startOrOptions === 'object' && startOrOptions !== null) {
      options = { ...startOrOptions };
      if (options.end === undefined && options.duration === undefined) options.end = now();
    } else {
      options = { start: startOrOptions ?? 0, end: endMark ?? now() };
    }
    this.measures.add(String(name));
    return realMeasure(name, options);
  }

  /** Clears what the seed added to the process-wide performance timeline. */
  clear(): void {
    for (const name of this.marks) realClearMarks(name);
    for (const name of this.measures) realClearMeasures(name);
  }
}
