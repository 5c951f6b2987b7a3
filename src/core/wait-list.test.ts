import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WaitList, type Listed } from './wait-list.js';

interface Item extends Listed<Item> {
  id: number;
}

test('a wait list holds its items in insertion order through any adds and removals, like a Set', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat({ max: 30 })), { maxLength: 200 }), (ops) => {
      const list = new WaitList<Item>();
      const model = new Set<Item>();
      let nextId = 0;
      for (const o of ops) {
        if (o === -1) {
          const item: Item = { id: nextId++, prev: undefined, next: undefined };
          list.add(item);
          model.add(item);
        } else if (model.size > 0) {
          const item = [...model][o % model.size];
          list.remove(item);
          model.delete(item);
          assert.deepEqual([item.prev, item.next], [undefined, undefined], 'a removed item keeps no links');
        }
        assert.deepEqual(list.toArray().map((i) => i.id), [...model].map((i) => i.id));
        assert.equal(list.size, model.size);
      }
    }),
  );
});
