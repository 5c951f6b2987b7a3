/** An item that carries its own links, so listing and unlisting it allocates nothing. */
export interface Listed<T> {
  prev: T | undefined;
  next: T | undefined;
}

/**
 * A task's pending waits in the order they began: an intrusive doubly-linked list. A wait is
 * added and removed once per read, take or request on the hot path, where a Set paid hashing
 * and rehashing; the order is the same as a Set's (insertion order).
 */
export class WaitList<T extends Listed<T>> {
  private head: T | undefined;
  private tail: T | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends `item`, which must not be in any list. */
  add(item: T): void {
    item.prev = this.tail;
    item.next = undefined;
    if (this.tail === undefined) this.head = item;
    else this.tail.next = item;
    this.tail = item;
    this.count++;
  }

  /** Unlinks `item`, which must be in this list. */
  remove(item: T): void {
    const { prev, next } = item;
    if (prev === undefined) this.head = next;
    else prev.next = next;
    if (next === undefined) this.tail = prev;
    else next.prev = prev;
    item.prev = item.next = undefined;
    this.count--;
  }

  /** A snapshot, oldest first: callers may end (and so unlist) the waits while they go through it. */
  toArray(): T[] {
    const out: T[] = [];
    for (let item = this.head; item !== undefined; item = item.next) out.push(item);
    return out;
  }
}
