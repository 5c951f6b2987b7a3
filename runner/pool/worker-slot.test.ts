import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochNowMs, SeedProgress } from '../protocol/seed-progress.js';
import { WorkerSlot } from './worker-slot.js';

const entry = (id: number) => ({ job: { id } });

/** A ready slot holding jobs `ids`, and the progress record its worker would write. */
function slotHolding(...ids: number[]) {
  const progress = new SeedProgress(SeedProgress.buffer());
  const slot = new WorkerSlot<ReturnType<typeof entry>>();
  assert.equal(slot.isReady, false);
  slot.ready(progress.buffer);
  assert.equal(slot.isReady, true);
  for (const id of ids) slot.hold(entry(id));
  return { slot, progress };
}

test('results release the held seeds in the order sent; a stale or out-of-order id releases nothing', () => {
  const { slot } = slotHolding(1, 2, 3);
  assert.equal(slot.release(2), undefined, 'not the oldest');
  assert.deepEqual(slot.release(1), entry(1));
  assert.equal(slot.find(3)?.job.id, 3);
  assert.equal(slot.find(undefined), undefined);
  assert.equal(slot.held, 2);
});

test('a lost worker gives back the seed its progress record names, with the time since it began, and the rest in order', () => {
  const { slot, progress } = slotHolding(4, 5, 6, 7);
  // Seed 4 finished (its result still in the worker's batch); 5 began 500 ms ago.
  progress.begin(4, epochNowMs() - 100_000);
  progress.begin(5, epochNowMs() - 500);
  assert.ok(slot.currentMs() >= 500);
  const { current, wallMs, others } = slot.takeAll();
  assert.equal(current?.job.id, 5);
  assert.ok(wallMs >= 500 && wallMs < 100_000, `${wallMs} ms: since seed 5 began, not seed 4`);
  assert.deepEqual(others.map((e) => e.job.id), [4, 6, 7], 'the finished seed runs again: its result was lost');
  assert.equal(slot.held, 0);
  assert.deepEqual(slot.takeAll(), { current: undefined, wallMs: 0, others: [] });
});

test('between seeds (the last begun already reported) the next held seed is current, since the results came back', () => {
  const { slot, progress } = slotHolding(8, 9);
  progress.begin(8, epochNowMs() - 10_000);
  slot.release(8);
  const { current, wallMs, others } = slot.takeAll();
  assert.equal(current?.job.id, 9);
  assert.ok(wallMs < 10_000, 'not charged with the time seed 8 ran');
  assert.deepEqual(others, []);
});

test('the watchdog timer is armed once and cleared when the last held seed is released', async () => {
  const { slot } = slotHolding(1);
  let checks = 0;
  slot.arm(0, () => checks++);
  slot.arm(0, () => (checks += 100));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(checks, 1, 'one timer: the second arm was a no-op');
  slot.arm(0, () => checks++);
  slot.release(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(checks, 1, 'releasing the last seed disarmed it');
});
