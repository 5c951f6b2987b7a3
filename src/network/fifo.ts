const CAPACITY_MIN = 8;

/** A first-in first-out queue over a ring buffer: O(1) push, shift and unshift, and no
 * allocation once it has grown to its working size (queues on the network's hot path empty
 * and refill on every message). */
export class Fifo<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(CAPACITY_MIN).fill(undefined);
  /** items.length - 1; the capacity is a power of two. */
  private mask = CAPACITY_MIN - 1;
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size > this.mask) this.grow();
    this.items[(this.head + this.size) & this.mask] = item;
    this.size++;
  }

  /** Puts an item back at the front (a partial read returning its remainder). */
  unshift(item: T): void {
    if (this.size > this.mask) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.items[this.head] = item;
    this.size++;
  }

  peek(): T | undefined {
    return this.size === 0 ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return item;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    while (this.size > 0) out.push(this.shift() as T);
    return out;
  }

  private grow(): void {
    const grown = new Array<T | undefined>(this.items.length * 2).fill(undefined);
    for (let i = 0; i < this.size; i++) grown[i] = this.items[(this.head + i) & this.mask];
    this.items = grown;
    this.mask = grown.length - 1;
    this.head = 0;
  }
}
