import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue, type QueuedEvent } from './event-queue.js';

const byOrder = (a: QueuedEvent, b: QueuedEvent) => a.timeMs - b.timeMs || a.seq - b.seq;

test('the queue pops in (timeMs, seq) order through any mix of pushes, pops and removals', () => {
  const op = fc.oneof(
    fc.record({ push: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ pop: fc.constant(true) }),
    fc.record({ remove: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const queue = new EventQueue();
      let model: QueuedEvent[] = [];
      const all: QueuedEvent[] = [];
      for (const o of ops) {
        if ('push' in o) {
          const e = queue.add(o.push, 'k', () => undefined, undefined, false);
          all.push(e);
          model.push(e);
        } else if ('pop' in o) {
          model.sort(byOrder);
          assert.equal(queue.pop(), model.shift());
        } else if (all.length > 0) {
          // Removing an event that already left (popped or removed) is a no-op.
          const e = all[o.remove % all.length];
          queue.remove(e);
          model = model.filter((m) => m !== e);
        }
        assert.equal(queue.size, model.length);
        for (const e of all) assert.equal(e.heapIndex >= 0, model.includes(e), 'heapIndex tells whether the event is queued');
      }
      model.sort(byOrder);
      for (const expected of model) assert.equal(queue.pop(), expected);
      assert.equal(queue.pop(), undefined);
    }),
  );
});
