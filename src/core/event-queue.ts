import { invariant } from './assert.js';
import type { SimEvent } from './event.js';
import type { SimTask } from './task.js';

/** A SimEvent as the queue holds it: its slot in the heap, or -1 once it left. */
export interface QueuedEvent extends SimEvent {
  heapIndex: number;
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/**
 * The world's pending events: a binary min-heap over (timeMs, seq), where seq is unique and
 * increasing so ties break FIFO. Every event knows its slot, so a cancelled one leaves at once:
 * request timeouts are nearly all cancelled, and would otherwise sit in the heap (and make every
 * push and pop dearer) for their whole duration. Removal never changes the order of the others.
 */
export class EventQueue {
  private readonly items: QueuedEvent[] = [];
  private seq = 0;
  /** Kinds numbered in order of first use, for the trace. */
  private readonly kindIds = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  /** Queues a new event at `timeMs`, after every event already queued for that time. */
  add(timeMs: number, kind: string, run: () => void, task: SimTask<unknown> | undefined, runsUserCode: boolean): QueuedEvent {
    const event: QueuedEvent = { timeMs, seq: 0, kind, kindId: 0, run, task, runsUserCode, cancelled: false, heapIndex: -1 };
    this.insert(event);
    return event;
  }

  /** Queues an event built elsewhere (its time, kind and run set), numbering it like add(). */
  insert(event: QueuedEvent): void {
    let kindId = this.kindIds.get(event.kind);
    if (kindId === undefined) {
      kindId = this.kindIds.size + 1;
      this.kindIds.set(event.kind, kindId);
    }
    event.kindId = kindId;
    event.seq = this.seq++;
    this.items.push(event);
    this.siftUp(event, this.items.length - 1);
  }

  /** Takes the earliest event out. */
  pop(): QueuedEvent | undefined {
    const items = this.items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop() as QueuedEvent;
    top.heapIndex = -1;
    if (last !== top) this.siftDown(last, 0);
    return top;
  }

  /** Takes `event` out wherever it is; no-op once it left (ran or was removed). */
  remove(event: QueuedEvent): void {
    const index = event.heapIndex;
    if (index < 0) return;
    const items = this.items;
    if (items[index] !== event) invariant(false, `event ${event.kind} is not where the queue put it`);
    const last = items.pop() as QueuedEvent;
    event.heapIndex = -1;
    if (last === event) return;
    // The last event fills the hole, then moves whichever way restores the order.
    if (index > 0 && before(last, items[(index - 1) >> 1])) this.siftUp(last, index);
    else this.siftDown(last, index);
  }

  private siftUp(event: QueuedEvent, index: number): void {
    const items = this.items;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex];
      if (!before(event, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = event;
    event.heapIndex = index;
  }

  private siftDown(event: QueuedEvent, index: number): void {
    const items = this.items;
    const size = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const childIndex = right < size && before(items[right], items[left]) ? right : left;
      const child = items[childIndex];
      if (!before(child, event)) break;
      items[index] = child;
      child.heapIndex = index;
      index = childIndex;
    }
    items[index] = event;
    event.heapIndex = index;
  }
}
