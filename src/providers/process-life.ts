/** Pending forever: what every operation of a killed process returns. */
const NEVER: Promise<never> = new Promise<never>(() => undefined);

/**
 * The kill switch of one incarnation of a process on production providers (`--real`). Node cannot
 * stop running code, but a crash can make it never run again: once kill() ran, every pending
 * operation of the providers sharing this life (sleeps, timeouts, task joins, reads, writes,
 * accepts, connects, listens) never settles, their timers are cleared and their sockets and
 * listeners destroyed, and new operations never settle either. Kill it from a macrotask of its
 * own (a timer or setImmediate callback): continuations already resumed then have run.
 * Providers constructed without a life are never killed.
 */
export class ProcessLife {
  private dead = false;
  private readonly hooks = new Set<() => void>();

  constructor(
    /** `server#0@2`, for diagnostics. */
    readonly name: string,
  ) {}

  get alive(): boolean {
    return !this.dead;
  }

  /** Runs `hook` when this life is killed (at once if it already was). Returns a function that
   * forgets the hook, for a resource released before the kill. */
  onKill(hook: () => void): () => void {
    if (this.dead) {
      hook();
      return () => undefined;
    }
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Settles like `promise` while this life lasts; never once it is killed. */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.dead) {
      promise.catch(() => undefined); // its failure goes nowhere, and is no unhandled rejection
      return NEVER;
    }
    return new Promise<T>((resolve, reject) => {
      promise.then(
        (value) => {
          if (!this.dead) resolve(value);
        },
        (error: unknown) => {
          if (!this.dead) reject(error);
        },
      );
    });
  }

  /** A promise that never settles (what a killed process's new operations return). */
  never<T>(): Promise<T> {
    return NEVER;
  }

  /** Idempotent. Runs every hook (all of them, even if one throws; the first error is rethrown). */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    const hooks = [...this.hooks];
    this.hooks.clear();
    let failure: { error: unknown } | undefined;
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
