import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StateRegistry } from './state-registry.js';

test('set stores a clone: mutating the original afterwards changes nothing the invariants see', () => {
  const registry = new StateRegistry();
  const state = { sent: 1, peers: ['a'], nested: { inFlight: [1, 2] } };
  registry.set('server#0', state);
  state.sent = 99;
  state.peers.push('b');
  state.nested.inFlight.length = 0;
  assert.deepEqual(registry.snapshot().get('server#0'), { sent: 1, peers: ['a'], nested: { inFlight: [1, 2] } });
});

test('values are frozen: an invariant cannot change what the next one sees', () => {
  const registry = new StateRegistry();
  registry.set('client#1', { log: [{ id: 1 }] });
  const seen = registry.snapshot().get<{ log: { id: number }[] }>('client#1');
  assert.ok(seen !== undefined);
  assert.throws(() => seen.log.push({ id: 2 }), TypeError);
  assert.throws(() => {
    seen.log[0].id = 5;
  }, TypeError);
  registry.set('bytes', new Uint8Array([1, 2, 3]));
  registry.set('map', new Map([['k', { v: 1 }]]));
  assert.deepEqual(registry.get('bytes'), new Uint8Array([1, 2, 3]), 'typed arrays are stored (not frozen)');
  assert.ok(Object.isFrozen(registry.get<Map<string, object>>('map')?.get('k')));
});

test('the copy is a structured clone: symbol keys dropped, an own __proto__ key stays data', () => {
  const registry = new StateRegistry();
  const tag = Symbol('tag');
  registry.set('tagged', { [tag]: 1, n: 2, inner: { [tag]: 3, m: 4 } });
  const tagged = registry.get<Record<string | symbol, unknown>>('tagged');
  assert.deepEqual(tagged, structuredClone({ n: 2, inner: { m: 4 } }));
  assert.deepEqual(Object.getOwnPropertySymbols(tagged ?? {}), []);
  const parsed: unknown = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
  registry.set('parsed', parsed);
  const copy = registry.get<Record<string, unknown>>('parsed');
  assert.equal(Object.getPrototypeOf(copy), Object.prototype, 'the own __proto__ key must not become the prototype');
  assert.deepEqual(Object.keys(copy ?? {}), ['__proto__', 'x']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      registry.set('any', value);
      assert.deepEqual(registry.get('any'), structuredClone(value));
    }),
  );
});

test('keys and entries come in sorted order whatever the insertion order', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 30 }), (keys) => {
      const registry = new StateRegistry();
      keys.forEach((key, i) => registry.set(key, i));
      const sorted = [...keys].sort();
      const snapshot = registry.snapshot();
      assert.deepEqual(snapshot.keys(), sorted);
      assert.deepEqual(snapshot.entries(), sorted.map((key) => [key, keys.indexOf(key)]));
    }),
  );
});

test('snapshot is one live read-only view: no copy per event, later sets show up', () => {
  const registry = new StateRegistry();
  const snapshot = registry.snapshot();
  assert.equal(registry.snapshot(), snapshot);
  assert.deepEqual(snapshot.keys(), []);
  registry.set('b', 1);
  registry.set('a', 2);
  registry.set('b', 3);
  assert.deepEqual(snapshot.entries(), [['a', 2], ['b', 3]]);
  snapshot.keys().pop();
  assert.deepEqual(snapshot.keys(), ['a', 'b'], 'callers get their own key array');
  registry.delete('a');
  assert.deepEqual(snapshot.keys(), ['b']);
  assert.equal(snapshot.get('a'), undefined);
});

test('bad input: an empty key or a value that cannot be cloned is a clear error', () => {
  const registry = new StateRegistry();
  assert.throws(() => registry.set('', 1), /the key must be a non-empty string/);
  assert.throws(() => registry.set('server#0', { onMessage: () => 1 }), /StateRegistry\.set\("server#0"\): the value cannot be cloned .*Register plain data/);
  assert.deepEqual(registry.snapshot().keys(), []);
});
