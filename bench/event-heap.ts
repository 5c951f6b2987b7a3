// The floor loop's event heap (bench/floor-loop.ts): the plain binary heap a minimal simulator
// would use, the baseline SimWorld's own queue (src/core/event-queue.ts) is measured against.
import { invariant } from '../src/core/assert.js';

/** Anything ordered by (timeMs, seq): seq is unique and increasing, so ties break FIFO. */
export interface HeapItem {
  timeMs: number;
  seq: number;
}

function before(a: HeapItem, b: HeapItem): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/** Binary min-heap over (timeMs, seq). */
export class EventHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    let index = items.length;
    items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(item, items[parent])) break;
      items[index] = items[parent];
      index = parent;
    }
    items[index] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const size = items.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && before(items[right], items[left]) ? right : left;
      if (!before(items[child], last)) break;
      items[index] = items[child];
      index = child;
    }
    items[index] = last;
    invariant(top.timeMs <= (items[0]?.timeMs ?? Infinity), 'heap pop returns the minimum');
    return top;
  }
}
