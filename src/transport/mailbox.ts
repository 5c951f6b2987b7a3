import { currentWorld } from '../core/current.js';

/** One pending take(): a simulated waiter inside a seed (so a deadlock report names it and a
 * cancelled task unwinds), a plain promise in production. */
interface Taker<T> {
  readonly promise: Promise<T | null>;
  readonly settled: boolean;
  resolve(value: T | null): void;
}

function plainTaker<T>(): Taker<T> {
  let resolveFn!: (value: T | null) => void;
  const taker = {
    settled: false,
    promise: new Promise<T | null>((resolve) => (resolveFn = resolve)),
    resolve(value: T | null) {
      taker.settled = true;
      resolveFn(value);
    },
  };
  return taker;
}

/** An unbounded FIFO handed out to waiting takers in arrival order; close() answers every
 * waiting and future take() with null and drops what was not taken. */
export class Mailbox<T> {
  private readonly items: T[] = [];
  private readonly takers: Taker<T>[] = [];
  private isClosed = false;

  constructor(private readonly label: string) {}

  get closed(): boolean {
    return this.isClosed;
  }

  put(item: T): void {
    if (this.isClosed) return;
    for (let taker = this.takers.shift(); taker !== undefined; taker = this.takers.shift()) {
      // A taker whose task was cancelled is already settled: give the item to the next one.
      if (!taker.settled) {
        taker.resolve(item);
        return;
      }
    }
    this.items.push(item);
  }

  take(): Promise<T | null> {
    if (this.isClosed) return Promise.resolve(null);
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    const taker = currentWorld()?.waiter<T | null>(this.label) ?? plainTaker<T>();
    this.takers.push(taker);
    return taker.promise;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.items.length = 0;
    for (const taker of this.takers.splice(0)) taker.resolve(null);
  }
}
