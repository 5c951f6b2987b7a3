import { TimeoutError } from '../core/errors.js';
import type { SimEvent } from '../core/event.js';
import type { SimWorld } from '../core/world.js';
import type { TimeProvider } from '../providers/time-provider.js';

/** What a real timer watches: settled to withdraw it. */
interface Watched {
  readonly promise: Promise<void>;
  resolve(): void;
}

function watched(): Watched {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * One lazily armed timer for a connection's stall deadlines: ensureBy(ms) makes it ring no later
 * than that time, and it rings once, with the time it was set for; the owner then checks its
 * deadlines and asks again for the next. So deadlines that keep moving (a new frame, a new
 * write) cost no timer each.
 *
 * In a seed (with the world's own time) it is an event of the world: not a wait of whichever
 * task happened to arm it (cancelling that task would silently disarm it), though a crash of
 * that task's process drops it. Otherwise the time provider's timeout.
 */
export class StallTimer {
  private armedForMs = Infinity;
  private event: SimEvent | undefined;
  private watching: Watched | undefined;

  constructor(
    private readonly time: TimeProvider,
    private readonly world: SimWorld | undefined,
    private readonly onRing: (atMs: number) => void,
  ) {}

  ensureBy(atMs: number): void {
    if (atMs >= this.armedForMs) return;
    this.cancel();
    this.armedForMs = atMs;
    const delayMs = Math.max(0, atMs - this.time.now());
    if (this.world !== undefined) {
      this.event = this.world.schedule(delayMs, 'transport-stall', this.ring, true);
      return;
    }
    const watching = watched();
    this.watching = watching;
    this.time.timeout(delayMs, watching.promise).catch((error: unknown) => {
      if (error instanceof TimeoutError && this.watching === watching) this.ring();
    });
  }

  cancel(): void {
    if (this.event !== undefined) this.world?.cancel(this.event);
    this.watching?.resolve();
    this.event = undefined;
    this.watching = undefined;
    this.armedForMs = Infinity;
  }

  private readonly ring = (): void => {
    const atMs = this.armedForMs;
    this.event = undefined;
    this.watching = undefined;
    this.armedForMs = Infinity;
    this.onRing(atMs);
  };
}
