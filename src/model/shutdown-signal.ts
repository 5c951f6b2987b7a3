/** One pending wait on the signal: a simulated Waiter (owned by the task that awaits it), or with
 * `--real` a promise that never settles once its process was killed. */
export interface SignalWait {
  readonly promise: Promise<void>;
  resolve(): void;
}

/** Tells services to return from run(): fired once every non-service workload's run() returned,
 * and for one process when it is stopped gracefully (in production, on SIGINT/SIGTERM). Await it,
 * race it, or poll `requested`. */
export class ShutdownSignal implements PromiseLike<void> {
  requested = false;
  readonly promise: Promise<void>;
  private resolve!: () => void;
  private waiters: SignalWait[] = [];

  /** `waiter` (in a simulation) makes each then() a wait of the task that called it, so the
   * continuation runs as that task and dies with it; with `--real`, a wait its process's kill
   * leaves pending. */
  constructor(private readonly waiter?: (label: string) => SignalWait) {
    this.promise = new Promise<void>((resolve) => (this.resolve = resolve));
  }

  /** Idempotent. In a simulation it is fired from an event, so waiting services wake at once. */
  fire(): void {
    if (this.requested) return;
    this.requested = true;
    this.resolve();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    if (this.waiter === undefined) return this.promise.then(onFulfilled, onRejected);
    const waiter = this.waiter('topology.shutdown');
    if (this.requested) waiter.resolve();
    else this.waiters.push(waiter);
    return waiter.promise.then(onFulfilled, onRejected);
  }
}
