import { invariant } from './assert.js';

/** One fault applied in a seed, kept when the log is asked to describe them (--shrink). */
export interface AppliedFault {
  ordinal: number;
  timeMs: number;
  /** The process (or `sim`) it hit. */
  process: string;
  family: string;
  /** `partition 10.0.0.2,10.0.0.3 | 10.0.0.1 for 230 ms`. */
  text: string;
}

/** Where the log writes what it admitted: the seed's timeline, when one is recorded. */
export interface FaultSink {
  fault(process: string, family: string, text: string, ordinal: number, applied: boolean, durationMs: number | undefined): void;
}

/**
 * Every injected fault of a seed passes here once its random draws are made, just before it
 * takes effect: network and storage faults, process stops, buggify firings, scripted faults.
 * Each gets the next ordinal (1, 2, …). With a keep set (--only-faults, --shrink), a fault whose
 * ordinal is not in it is vetoed: its draws were made, so the streams stay aligned, but it does
 * not happen. Without one, every fault applies, at the cost of one increment.
 */
export class FaultLog {
  /** Faults that reached the log so far, applied or vetoed. */
  count = 0;
  /** Descriptions of the applied faults, when asked for. */
  readonly applied: AppliedFault[] | undefined;
  sink: FaultSink | undefined = undefined;

  constructor(
    private readonly clock: { readonly nowMs: number },
    private readonly keep: ReadonlySet<number> | undefined,
    describe: boolean,
  ) {
    if (keep !== undefined) for (const ordinal of keep) invariant(Number.isInteger(ordinal) && ordinal >= 1, `fault ordinal ${ordinal}`);
    this.applied = describe ? [] : undefined;
  }

  /** True when the fault happens. `text` is built only when someone reads it; `durationMs`, for
   * a fault that lasts (a partition, a clog, a process down), goes to the timeline. */
  admit(process: string, family: string, text: () => string, durationMs?: number): boolean {
    const ordinal = ++this.count;
    const applies = this.keep === undefined || this.keep.has(ordinal);
    if (this.sink === undefined && (this.applied === undefined || !applies)) return applies;
    const described = text();
    if (applies) this.applied?.push({ ordinal, timeMs: this.clock.nowMs, process, family, text: described });
    this.sink?.fault(process, family, described, ordinal, applies, durationMs);
    return applies;
  }
}
