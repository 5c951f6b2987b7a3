import { invariant } from '../core/assert.js';

/** A partition: the host pairs (directional) that cannot exchange bytes while it lasts. */
export interface Cut {
  readonly family: 'partition' | 'isolate' | 'oneWayPartition';
  blocks(from: string, to: string): boolean;
}

/** Time as faults see it: a seed's simulated clock (its SimWorld), or a --real run's. */
export interface FaultClock {
  readonly nowMs: number;
  /** Calls `run` after `delayMs`. */
  schedule(delayMs: number, kind: string, run: () => void): unknown;
}

/** The network's active partitions and clogs. Traffic that meets one waits (like TCP
 * retransmitting) and retries whenever a fault ends, so bytes are held, never lost. */
export class FaultState {
  private cuts: Cut[] = [];
  private readonly writeClogs = new Map<string, number>();
  private readonly readClogs = new Map<string, number>();
  private readonly pairClogs = new Map<string, number>();
  private retries: (() => void)[] = [];

  constructor(private readonly clock: FaultClock) {}

  /** True while bytes cannot go from host `from` to host `to`. */
  isBlocked(from: string, to: string): boolean {
    // The hot path: nothing active costs four size checks.
    if (this.cuts.length === 0 && this.writeClogs.size === 0 && this.readClogs.size === 0 && this.pairClogs.size === 0) {
      return false;
    }
    const now = this.clock.nowMs;
    for (const cut of this.cuts) if (cut.blocks(from, to)) return true;
    return (
      (this.writeClogs.get(from) ?? -1) > now ||
      (this.readClogs.get(to) ?? -1) > now ||
      (this.pairClogs.get(`${from}>${to}`) ?? -1) > now
    );
  }

  /** Runs `retry` the next time any fault ends. */
  whenUnblocked(retry: () => void): void {
    this.retries.push(retry);
  }

  /** Adds a partition for `durationMs` (Infinity: until heal()). */
  addCut(cut: Cut, durationMs: number): void {
    invariant(durationMs >= 0, `partition duration ${durationMs}`);
    this.cuts.push(cut);
    if (Number.isFinite(durationMs)) this.clock.schedule(durationMs, 'net-heal', () => this.removeCut(cut));
  }

  clogWrites(ip: string, durationMs: number): void {
    this.clog(this.writeClogs, ip, durationMs);
  }

  clogReads(ip: string, durationMs: number): void {
    this.clog(this.readClogs, ip, durationMs);
  }

  clogPair(from: string, to: string, durationMs: number): void {
    this.clog(this.pairClogs, `${from}>${to}`, durationMs);
  }

  healPartitions(): void {
    this.cuts = [];
    this.flush();
  }

  liftClogs(): void {
    this.writeClogs.clear();
    this.readClogs.clear();
    this.pairClogs.clear();
    this.flush();
  }

  private clog(clogs: Map<string, number>, key: string, durationMs: number): void {
    invariant(Number.isFinite(durationMs) && durationMs >= 0, `clog duration ${durationMs}`);
    const untilMs = this.clock.nowMs + durationMs;
    clogs.set(key, Math.max(clogs.get(key) ?? 0, untilMs));
    this.clock.schedule(durationMs, 'net-unclog', () => {
      // A longer clog set since then keeps the entry until its own end.
      if ((clogs.get(key) ?? Infinity) <= this.clock.nowMs) clogs.delete(key);
      this.flush();
    });
  }

  private removeCut(cut: Cut): void {
    const index = this.cuts.indexOf(cut);
    if (index < 0) return; // already healed
    this.cuts.splice(index, 1);
    this.flush();
  }

  private flush(): void {
    const retries = this.retries;
    this.retries = [];
    for (const retry of retries) retry();
  }
}
