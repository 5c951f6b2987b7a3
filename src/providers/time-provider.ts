/** Time as the application sees it: simulated in a SimWorld, wall-clock in production. */
export abstract class TimeProvider {
  /** Milliseconds since an arbitrary fixed origin (monotonic within one run). */
  abstract now(): number;
  /** Resolves after `ms` milliseconds. */
  abstract sleep(ms: number): Promise<void>;
  /** Resolves like `promise`, or rejects with a TimeoutError after `ms` milliseconds. */
  abstract timeout<T>(ms: number, promise: Promise<T>): Promise<T>;
}

export function checkDelayMs(ms: number, what: string): void {
  if (!(Number.isFinite(ms) && ms >= 0)) {
    throw new RangeError(`${what}: expected a finite number of milliseconds >= 0, got ${String(ms)}`);
  }
}
