import { invariant } from '../../core/assert.js';
import type { SimWorld } from '../../core/world.js';

interface HostClock {
  /** Offset at `anchorMs`, and the rate it has changed at since. */
  offsetMs: number;
  anchorMs: number;
  rate: number;
  /** Bumped per drift episode so a stale episode end does not stop a newer one. */
  episode: number;
  /** The last time this host's clock was read (offset included). */
  readingMsLast: number;
}

/** Per-host clock offsets. A drift episode runs a host's clock at (1 + rate) speed with
 * |rate| < 1, and the offset is clamped to ±offsetMsMax, so a host's clock stays within the
 * bound and always moves forward (its speed is at least 1 - rate > 0). */
export class ClockDrift {
  private readonly clocks = new Map<string, HostClock>();

  constructor(
    private readonly world: SimWorld,
    private readonly offsetMsMax: number,
  ) {}

  offsetMs(ip: string): number {
    const clock = this.clocks.get(ip);
    if (clock === undefined) return 0;
    const now = this.world.nowMs;
    let offset = this.offsetAt(clock, now);
    // Floating-point rounding must not make the clock read earlier than it already did.
    if (now + offset < clock.readingMsLast) offset = clock.readingMsLast - now;
    clock.readingMsLast = now + offset;
    return offset;
  }

  /** Starts a drift episode on `ip` for `durationMs`. */
  drift(ip: string, rate: number, durationMs: number): void {
    invariant(Math.abs(rate) < 1 && Number.isFinite(durationMs) && durationMs >= 0, `drift rate ${rate} for ${durationMs} ms`);
    let clock = this.clocks.get(ip);
    if (clock === undefined) {
      clock = { offsetMs: 0, anchorMs: this.world.nowMs, rate: 0, episode: 0, readingMsLast: -Infinity };
      this.clocks.set(ip, clock);
    }
    this.rebase(clock, rate);
    const episode = ++clock.episode;
    const target = clock;
    this.world.schedule(durationMs, 'net-drift-end', () => {
      if (target.episode === episode) this.rebase(target, 0);
    });
  }

  /** Stops every drift episode; offsets stay where they are (a jump could go backwards). */
  calm(): void {
    for (const clock of this.clocks.values()) {
      clock.episode++;
      this.rebase(clock, 0);
    }
  }

  private rebase(clock: HostClock, rate: number): void {
    const now = this.world.nowMs;
    clock.offsetMs = this.offsetAt(clock, now);
    clock.anchorMs = now;
    clock.rate = rate;
  }

  private offsetAt(clock: HostClock, now: number): number {
    const raw = clock.offsetMs + clock.rate * (now - clock.anchorMs);
    return Math.max(-this.offsetMsMax, Math.min(this.offsetMsMax, raw));
  }
}
