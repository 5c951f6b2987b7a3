import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventHeap } from './event-heap.js';

test('heap pops in (timeMs, seq) order for any pushes', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
      const heap = new EventHeap<{ timeMs: number; seq: number }>();
      times.forEach((timeMs, seq) => heap.push({ timeMs, seq }));
      const popped: { timeMs: number; seq: number }[] = [];
      for (let item = heap.pop(); item; item = heap.pop()) popped.push(item);
      const expected = times.map((timeMs, seq) => ({ timeMs, seq })).sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
      assert.deepEqual(popped, expected);
    }),
  );
});

test('heap interleaved push and pop keeps order', () => {
  const heap = new EventHeap<{ timeMs: number; seq: number }>();
  heap.push({ timeMs: 5, seq: 0 });
  heap.push({ timeMs: 1, seq: 1 });
  assert.equal(heap.pop()?.timeMs, 1);
  heap.push({ timeMs: 3, seq: 2 });
  heap.push({ timeMs: 3, seq: 3 });
  assert.deepEqual([heap.pop()?.seq, heap.pop()?.seq, heap.pop()?.seq, heap.pop()], [2, 3, 0, undefined]);
  assert.equal(heap.size, 0);
});
