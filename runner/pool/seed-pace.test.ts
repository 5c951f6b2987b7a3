import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HELD_WORK_MS, SEEDS_PER_WORKER_MAX, SEEDS_PER_WORKER_MIN, SeedPace } from './seed-pace.js';

const paceOf = (...wallMs: number[]) => {
  const pace = new SeedPace();
  for (const ms of wallMs) pace.observe(ms);
  return pace;
};

test('before any seed is timed a worker holds the minimum: the one running and the next', () => {
  assert.equal(new SeedPace().depth(), SEEDS_PER_WORKER_MIN);
});

test('a worker holds HELD_WORK_MS of seeds, within the bounds', () => {
  assert.equal(paceOf(4).depth(), Math.ceil(HELD_WORK_MS / 4));
  assert.equal(paceOf(0.2).depth(), SEEDS_PER_WORKER_MAX, 'very short seeds: the maximum');
  assert.equal(paceOf(0).depth(), SEEDS_PER_WORKER_MAX, 'seeds too short to time: the maximum');
  assert.equal(paceOf(1_000).depth(), SEEDS_PER_WORKER_MIN, 'long seeds: the minimum, so the last ones spread over the workers');
});

test('the average follows the seeds as they change, not one odd seed, and ignores a time that is no time', () => {
  const pace = paceOf(...Array<number>(30).fill(1_000));
  assert.equal(pace.depth(), SEEDS_PER_WORKER_MIN);
  pace.observe(5);
  assert.equal(pace.depth(), SEEDS_PER_WORKER_MIN, 'one short seed after long ones: still long on average');
  for (let i = 0; i < 60; i++) pace.observe(5);
  assert.equal(pace.depth(), 12, '60 ms of 5 ms seeds');
  pace.observe(Number.NaN);
  pace.observe(-1);
  assert.equal(pace.depth(), 12);
});
