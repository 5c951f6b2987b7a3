import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { SeedResult } from '../../src/internal.js';
import type { JobResult } from '../protocol/messages.js';
import { BATCH_AGE_MS_MAX, BATCH_SEEDS_MAX, ResultBatch } from './result-batch.js';

const result = (seed: number, ok = true) => ({ seed, ok }) as SeedResult;

/** A batch whose timer is driven by hand: `fire()` runs the armed callback. */
function harness() {
  const sent: JobResult[][] = [];
  const armed: { callback: () => void; delayMs: number; cleared: boolean }[] = [];
  const batch = new ResultBatch((results) => sent.push(results), {
    set: (callback, delayMs) => {
      const timer = { callback, delayMs, cleared: false };
      armed.push(timer);
      return timer;
    },
    clear: (handle) => void ((handle as (typeof armed)[number]).cleared = true),
  });
  const live = () => armed.filter((t) => !t.cleared);
  return { batch, sent, armed, live, fire: () => live().forEach((t) => t.callback()) };
}

test('passing results are held until BATCH_SEEDS_MAX, then sent in one message, oldest first', () => {
  const { batch, sent, live } = harness();
  for (let id = 1; id < BATCH_SEEDS_MAX; id++) batch.add({ id, result: result(id) }, false);
  assert.equal(sent.length, 0, 'nothing sent yet');
  assert.equal(live().length, 1, 'one timer for the whole batch');
  batch.add({ id: BATCH_SEEDS_MAX, result: result(BATCH_SEEDS_MAX) }, false);
  assert.deepEqual(sent.map((b) => b.map((r) => r.id)), [Array.from({ length: BATCH_SEEDS_MAX }, (_, i) => i + 1)]);
  assert.equal(live().length, 0, 'sending clears the timer');
});

test('held results go out BATCH_AGE_MS_MAX after the first of them, with no further add', () => {
  const { batch, sent, armed, fire } = harness();
  batch.add({ id: 1, result: result(1) }, false);
  batch.add({ id: 2, result: result(2) }, false);
  assert.deepEqual(armed.map((t) => t.delayMs), [BATCH_AGE_MS_MAX]);
  fire();
  assert.deepEqual(sent.map((b) => b.map((r) => r.id)), [[1, 2]]);
  batch.add({ id: 3, result: result(3) }, false);
  assert.equal(armed.length, 2, 'the next batch arms its own timer');
});

test('a failure, or an urgent result (output written, the last seed held), goes out at once with those held', () => {
  const { batch, sent, live } = harness();
  batch.add({ id: 1, result: result(1) }, false);
  batch.add({ id: 2, result: result(2, false) }, false);
  batch.add({ id: 3, result: result(3) }, true);
  assert.deepEqual(sent.map((b) => b.map((r) => r.id)), [[1, 2], [3]]);
  assert.equal(live().length, 0);
  batch.flush();
  assert.equal(sent.length, 2, 'nothing held: no empty message');
});

test('property: every result is sent exactly once, in order, in batches of at most BATCH_SEEDS_MAX', () => {
  const add = fc.record({ ok: fc.boolean(), urgent: fc.boolean(), fire: fc.boolean() });
  fc.assert(
    fc.property(fc.array(add, { maxLength: 60 }), (adds) => {
      const { batch, sent, fire } = harness();
      adds.forEach(({ ok, urgent, fire: timerFires }, index) => {
        batch.add({ id: index + 1, result: result(index + 1, ok) }, urgent);
        if (timerFires) fire();
        // Nothing that must go out at once is ever held.
        if (urgent || !ok) assert.equal(sent.flat().at(-1)?.id, index + 1);
      });
      batch.flush();
      assert.deepEqual(sent.flat().map((r) => r.id), adds.map((_, i) => i + 1));
      for (const message of sent) assert.ok(message.length >= 1 && message.length <= BATCH_SEEDS_MAX);
    }),
  );
});
