import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { runInWorld } from './run-world.js';

test('an alarm rings at its time as a wait of its task, and clear() withdraws it from the queue', async () => {
  await runInWorld({ seed: 1 }, async (world) => {
    const time = new SimTimeProvider(world);
    const rungAt: number[] = [];
    const task = world.spawn('sleeper', async () => {
      const alarm = world.alarm(30, (at) => rungAt.push(at()), () => world.nowMs);
      await time.sleep(50);
      alarm.clear(); // after it rang: harmless
    });
    await time.sleep(1);
    assert.deepEqual(task.describeWaits(), ['timeout(30 ms)', 'sleep(50 ms)']);
    await task.join();
    assert.deepEqual(rungAt, [30]);

    const pending = world.pendingEvents;
    const withdrawn = world.alarm(10, () => assert.fail('a cleared alarm rang'), undefined);
    assert.equal(world.pendingEvents, pending + 1);
    withdrawn.clear();
    assert.equal(world.pendingEvents, pending);
    await time.sleep(20);
  });
});

test('a cancelled task\'s alarm does not ring', async () => {
  let rang = false;
  await runInWorld({ seed: 2 }, async (world) => {
    const time = new SimTimeProvider(world);
    const task = world.spawn('doomed', async () => {
      world.alarm(10, () => (rang = true), undefined);
      await time.sleep(100);
    });
    await time.sleep(1);
    task.cancel();
    await time.sleep(20);
    assert.deepEqual(task.describeWaits(), []);
  });
  assert.equal(rang, false);
});
