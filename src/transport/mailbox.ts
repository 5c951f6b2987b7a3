import { currentWorld } from '../core/current.js';
import { Fifo } from '../network/fifo.js';

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

/** One producer's queue in a Mailbox (a server's connection). Its owner bounds its length. */
export class MailboxLane<T> {
  readonly items = new Fifo<T>();
  /** In the mailbox's turn order. */
  listed = false;
}

/** A FIFO per lane, handed out to waiting takers in arrival order and round-robin across lanes:
 * a lane with many items waiting gets one turn in each round, so it delays another lane's item
 * by at most one of its own. close() answers every waiting and future take() with null and
 * drops what was not taken. */
export class Mailbox<T> {
  /** Lanes with items (or dropped since), in turn order. */
  private readonly turns = new Fifo<MailboxLane<T>>();
  private readonly takers = new Fifo<Taker<T>>();
  private isClosed = false;

  constructor(private readonly label: string) {}

  get closed(): boolean {
    return this.isClosed;
  }

  put(lane: MailboxLane<T>, item: T): void {
    if (this.isClosed) return;
    for (let taker = this.takers.shift(); taker !== undefined; taker = this.takers.shift()) {
      // A taker whose task was cancelled is already settled: give the item to the next one.
      if (!taker.settled) {
        taker.resolve(item);
        return;
      }
    }
    lane.items.push(item);
    if (!lane.listed) {
      lane.listed = true;
      this.turns.push(lane);
    }
  }

  take(): Promise<T | null> {
    if (this.isClosed) return Promise.resolve(null);
    for (let lane = this.turns.shift(); lane !== undefined; lane = this.turns.shift()) {
      const item = lane.items.shift();
      // A dropped lane is skipped here rather than searched for in drop().
      if (item === undefined) {
        lane.listed = false;
        continue;
      }
      if (lane.items.length > 0) this.turns.push(lane);
      else lane.listed = false;
      return Promise.resolve(item);
    }
    const taker = currentWorld()?.waiter<T | null>(this.label) ?? plainTaker<T>();
    this.takers.push(taker);
    return taker.promise;
  }

  /** Removes and returns the lane's items (its producer is gone). */
  drop(lane: MailboxLane<T>): T[] {
    return lane.items.drain();
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (let lane = this.turns.shift(); lane !== undefined; lane = this.turns.shift()) {
      lane.items.drain();
      lane.listed = false;
    }
    for (const taker of this.takers.drain()) taker.resolve(null);
  }
}
