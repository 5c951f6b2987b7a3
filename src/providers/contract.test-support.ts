// The provider contract: the same tests, run against the Sim and the Node implementations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimeProvider } from './time-provider.js';
import type { TaskProvider } from './task-provider.js';
import type { RandomProvider } from './random-provider.js';
import { TimeoutError } from '../core/errors.js';

export interface ProviderSet {
  time: TimeProvider;
  tasks: TaskProvider;
  random: RandomProvider;
}

/** Runs `body` with one implementation's providers (inside a world for the simulation). */
export type Harness = (body: (providers: ProviderSet) => Promise<void>) => Promise<void>;

export function providerContract(label: string, harness: Harness): void {
  test(`${label}: sleep waits at least the requested time`, () =>
    harness(async ({ time }) => {
      const start = time.now();
      await time.sleep(20);
      assert.ok(time.now() - start >= 19, `slept ${time.now() - start} ms`);
      await assert.rejects(async () => time.sleep(-1), RangeError);
    }));

  test(`${label}: timeout passes a fast promise through and rejects a slow one`, () =>
    harness(async ({ time }) => {
      assert.equal(await time.timeout(200, time.sleep(1).then(() => 'fast')), 'fast');
      await assert.rejects(time.timeout(5, time.sleep(200)), (e: unknown) => e instanceof TimeoutError && e.timeoutMs === 5);
      await assert.rejects(time.timeout(50, Promise.reject(new Error('inner'))), /inner/);
    }));

  test(`${label}: spawned tasks run concurrently and join with their result`, () =>
    harness(async ({ time, tasks }) => {
      const order: string[] = [];
      const slow = tasks.spawn('slow', async () => {
        await time.sleep(30);
        order.push('slow');
        return 1;
      });
      const fast = tasks.spawn('fast', async () => {
        await time.sleep(5);
        order.push('fast');
        return 2;
      });
      assert.equal(slow.name, 'slow');
      assert.deepEqual([await slow.join(), await fast.join()], [1, 2]);
      assert.deepEqual(order, ['fast', 'slow']);
    }));

  test(`${label}: a failing task rejects its join and cancel rejects a pending one`, () =>
    harness(async ({ time, tasks }) => {
      const bad = tasks.spawn('bad', async () => {
        throw new Error('task error');
      });
      await assert.rejects(bad.join(), /task error/);
      const sleeper = tasks.spawn('sleeper', () => new Promise<void>(() => undefined));
      await time.sleep(1);
      sleeper.cancel();
      await assert.rejects(sleeper.join(), /cancelled/);
    }));

  test(`${label}: random values stay in range and cover it`, () =>
    harness(async ({ random }) => {
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const f = random.random();
        assert.ok(f >= 0 && f < 1);
        const n = random.int(-2, 2);
        assert.ok(Number.isInteger(n) && n >= -2 && n <= 2);
        seen.add(n);
      }
      assert.equal(seen.size, 5);
      assert.ok(random.bool(1) && !random.bool(0));
      assert.ok(['a', 'b'].includes(random.pick(['a', 'b'])));
      assert.deepEqual(random.shuffle([3, 1, 2]).sort(), [1, 2, 3]);
      assert.throws(() => random.int(3, 1), RangeError);
      assert.throws(() => random.pick([]), RangeError);
    }));
}
