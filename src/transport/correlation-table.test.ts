import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CorrelationTable, type PendingRequest } from './correlation-table.js';

test('property: live ids are unique and nonzero, and unwritten counts exactly the unclaimed, unsettled requests', async () => {
  const op = fc.constantFrom('create', 'claim', 'resolve', 'reject');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(op, fc.nat()), { maxLength: 200 }), async (ops) => {
      const table = new CorrelationTable<number>();
      const all: PendingRequest<number>[] = [];
      for (const [kind, pick] of ops) {
        const target = all[pick % Math.max(1, all.length)];
        if (kind === 'create' || target === undefined) {
          const entry = table.create((id) => new Uint8Array([id & 0xff]));
          entry.promise.catch(() => undefined);
          all.push(entry);
        } else if (kind === 'claim') {
          assert.equal(target.claim(), !target.settled);
        } else if (kind === 'resolve') {
          target.resolve(pick);
        } else {
          target.reject(new Error('x'));
        }
        const live = all.filter((e) => !e.settled);
        assert.equal(table.unwritten, live.filter((e) => !e.written).length);
        assert.deepEqual(table.values(), live);
        assert.equal(new Set(live.map((e) => e.id)).size, live.length);
        assert.ok(live.every((e) => e.id > 0 && table.get(e.id) === e));
      }
    }),
  );
});

test('a settled request keeps its first outcome', async () => {
  const table = new CorrelationTable<string>();
  const entry = table.create(() => new Uint8Array(1));
  entry.resolve('first');
  entry.reject(new Error('second'));
  entry.resolve('third');
  assert.equal(await entry.promise, 'first');
  assert.equal(entry.claim(), false, 'a settled request is never written');
  assert.equal(table.get(entry.id), undefined);
});

test('ids stay unique and late answers find nothing while a long-lived request holds its slot', () => {
  const table = new CorrelationTable<number>();
  const held = table.create(() => new Uint8Array(1));
  const seen = new Set<number>([held.id]);
  for (let i = 0; i < 1000; i++) {
    const entry = table.create(() => new Uint8Array(1));
    assert.ok(!seen.has(entry.id) && entry.id > 0, `id ${entry.id} issued twice`);
    seen.add(entry.id);
    assert.equal(table.get(entry.id), entry);
    entry.resolve(i);
    assert.equal(table.get(entry.id), undefined, 'a settled id is a late answer');
  }
  assert.equal(table.get(held.id), held);
  for (let id = 1; id <= 2000; id++) if (id !== held.id) assert.equal(table.get(id), undefined, `id ${id} is not live`);
  assert.deepEqual(table.values(), [held]);
});
