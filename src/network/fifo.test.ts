import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Fifo } from './fifo.js';

test('property: a Fifo behaves like an array used as a queue (push, shift, unshift, peek, drain)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
    fc.record({ kind: fc.constant('unshift' as const), value: fc.integer() }),
    fc.record({ kind: fc.constantFrom('shift' as const, 'peek' as const, 'drain' as const) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const fifo = new Fifo<number>();
      const model: number[] = [];
      for (const o of ops) {
        if (o.kind === 'push') {
          fifo.push(o.value);
          model.push(o.value);
        } else if (o.kind === 'unshift') {
          fifo.unshift(o.value);
          model.unshift(o.value);
        } else if (o.kind === 'shift') {
          assert.equal(fifo.shift(), model.shift());
        } else if (o.kind === 'peek') {
          assert.equal(fifo.peek(), model[0]);
        } else {
          assert.deepEqual(fifo.drain(), model.splice(0));
        }
        assert.equal(fifo.length, model.length);
      }
    }),
  );
});

test('null items (a FIN) queue like any other', () => {
  const fifo = new Fifo<Uint8Array | null>();
  for (let i = 0; i < 20; i++) fifo.push(i % 5 === 0 ? null : new Uint8Array([i]));
  const out = fifo.drain();
  assert.equal(out.length, 20);
  assert.equal(out.filter((x) => x === null).length, 4);
  assert.equal(fifo.shift(), undefined);
});
