/** Tells services to return from run(): fired once every non-service workload's run() returned
 * (in production, on SIGINT/SIGTERM). Await it, race it, or poll `requested`. */
export class ShutdownSignal implements PromiseLike<void> {
  requested = false;
  readonly promise: Promise<void>;
  private resolve!: () => void;

  constructor() {
    this.promise = new Promise<void>((resolve) => (this.resolve = resolve));
  }

  /** Idempotent. In a simulation it is fired from an event, so waiting services wake at once. */
  fire(): void {
    if (this.requested) return;
    this.requested = true;
    this.resolve();
  }

  then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.promise.then(onFulfilled, onRejected);
  }
}
