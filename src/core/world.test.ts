import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimWorld } from './world.js';
import { runInWorld } from './run-world.js';
import { BudgetExceededError, DeadlockError, TaskFailedError } from './errors.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';

test('time jumps to the next event and events at one instant run FIFO', async () => {
  const order: string[] = [];
  const result = await runInWorld({ seed: 1 }, async (world) => {
    world.schedule(10, 'b', () => order.push(`b@${world.nowMs}`));
    world.schedule(5, 'a', () => order.push(`a@${world.nowMs}`));
    world.schedule(10, 'c', () => order.push(`c@${world.nowMs}`));
    await new SimTimeProvider(world).sleep(20);
  });
  assert.deepEqual(order, ['a@5', 'b@10', 'c@10']);
  assert.equal(result.simTimeMs, 20);
});

test('every continuation an event wakes runs before time moves', async () => {
  const seen: string[] = [];
  await runInWorld({ seed: 1 }, async (world) => {
    const time = new SimTimeProvider(world);
    const a = world.spawn('a', async () => {
      await time.sleep(10);
      // A long chain of plain awaits after the wake-up must all finish at t=10.
      for (let i = 0; i < 50; i++) await Promise.resolve();
      seen.push(`a-done@${world.nowMs}`);
    });
    const b = world.spawn('b', async () => {
      await time.sleep(10.5);
      seen.push(`b@${world.nowMs}`);
    });
    await a.join();
    await b.join();
  });
  assert.deepEqual(seen, ['a-done@10', 'b@10.5']);
});

test('a deadlock names the blocked tasks and what each awaits', async () => {
  const error = await runInWorld({ seed: 5 }, async (world) => {
    const helper = world.spawn('helper', () => world.waiter<void>('message from peer 10.0.0.2').promise);
    await helper.join();
  }).then(
    () => assert.fail('expected a deadlock'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DeadlockError);
  assert.match(error.message, /deadlock/);
  assert.match(error.message, /helper awaiting message from peer 10\.0\.0\.2/);
  assert.match(error.message, /main awaiting join\(helper\)/);
  assert.equal(error.seed, 5);
});

test('a task awaiting a promise nothing simulated settles is named as such in a deadlock', async () => {
  const error = await runInWorld({ seed: 5 }, () => new Promise<void>(() => undefined)).then(
    () => assert.fail('expected a deadlock'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DeadlockError);
  assert.match(error.message, /main awaiting a promise outside the simulation/);
});

test('the event budget stops an endless timer loop', async () => {
  await assert.rejects(
    runInWorld({ seed: 2, eventsMax: 1000 }, async (world) => {
      const time = new SimTimeProvider(world);
      for (;;) await time.sleep(1);
    }),
    (e: unknown) => e instanceof BudgetExceededError && e.budget === 'events' && e.eventIndex === 1000 && /event budget/.test(e.message),
  );
});

test('the simulated-time budget stops a run that sleeps too long', async () => {
  await assert.rejects(
    runInWorld({ seed: 2, simTimeMsMax: 60_000 }, async (world) => {
      await new SimTimeProvider(world).sleep(3_600_000);
    }),
    (e: unknown) => e instanceof BudgetExceededError && e.budget === 'simTimeMs' && /60000 ms/.test(e.message),
  );
});

test('a background task that throws fails the seed with its name', async () => {
  await assert.rejects(
    runInWorld({ seed: 3 }, async (world) => {
      world.spawn('exploder', async () => {
        await new SimTimeProvider(world).sleep(4);
        throw new Error('boom');
      });
      await new SimTimeProvider(world).sleep(100);
    }),
    (e: unknown) => e instanceof TaskFailedError && e.taskName === 'exploder' && e.simTimeMs === 4 && e.seed === 3,
  );
});

test('a joined task failure goes to the joiner, not the seed', async () => {
  let caught = '';
  await runInWorld({ seed: 3 }, async (world) => {
    const t = world.spawn('child', async () => {
      throw new Error('handled');
    });
    await t.join().catch((e: Error) => (caught = e.message));
  });
  assert.equal(caught, 'handled');
});

test('cancel rejects the pending waits of a task', async () => {
  let outcome = '';
  await runInWorld({ seed: 4 }, async (world) => {
    const time = new SimTimeProvider(world);
    const t = world.spawn('sleeper', async () => {
      try {
        await time.sleep(1000);
        outcome = 'woke';
      } catch (e) {
        outcome = (e as Error).name;
      }
    });
    await time.sleep(1);
    t.cancel();
    await time.sleep(1);
  });
  assert.equal(outcome, 'TaskCancelledError');
});

test('timeout rejects a promise that never settles and passes one that does', async () => {
  await runInWorld({ seed: 1 }, async (world) => {
    const time = new SimTimeProvider(world);
    await assert.rejects(time.timeout(50, world.waiter<void>('never').promise), /timed out after 50 ms/);
    assert.equal(world.nowMs, 50);
    assert.equal(await time.timeout(50, time.sleep(10).then(() => 7)), 7);
    assert.equal(world.nowMs, 60);
  });
});

test('a world refuses to schedule into the past', () => {
  const world = new SimWorld({ seed: 1 });
  assert.throws(() => world.schedule(-1, 'x', () => undefined), /internal invariant/);
});

/** A timeline drawing one workload value, one network value and one config value per event. */
async function drawsPerEvent(splits: { afterEvent: number; seed: number }[] = []): Promise<{ event: number; user: number; network: number; config: number }[]> {
  const draws: { event: number; user: number; network: number; config: number }[] = [];
  await runInWorld({ seed: 11, splits }, async (world) => {
    const time = new SimTimeProvider(world);
    for (let i = 0; i < 8; i++) {
      await time.sleep(1);
      draws.push({ event: world.eventIndex, user: world.rng.user.int(0, 1e6), network: world.rng.network.int(0, 1e6), config: world.rng.config.int(0, 1e6) });
    }
  });
  return draws;
}

test('a split timeline replays its parent up to the split event, then draws the chaos and workload streams from the child seed', async () => {
  const parent = await drawsPerEvent();
  const splitAt = parent[3].event;
  const child = await drawsPerEvent([{ afterEvent: splitAt, seed: 99 }]);
  assert.deepEqual(child.slice(0, 4), parent.slice(0, 4), 'up to and including the split event, the child is its parent');
  assert.deepEqual(child.map((d) => d.event), parent.map((d) => d.event), 'the same events (this workload waits on no draw)');
  assert.deepEqual(child.map((d) => d.config), parent.map((d) => d.config), 'the config stream goes on as in the parent');
  assert.notDeepEqual(child.slice(4).map((d) => d.user), parent.slice(4).map((d) => d.user), 'after the split the workload draws anew');
  assert.notDeepEqual(child.slice(4).map((d) => d.network), parent.slice(4).map((d) => d.network), 'and so does the chaos');
  // Two splits: the second one switches again; a recipe replays the same draws every time.
  const twice = [{ afterEvent: splitAt, seed: 99 }, { afterEvent: parent[5].event, seed: 7 }];
  const grandchild = await drawsPerEvent(twice);
  assert.deepEqual(grandchild.slice(0, 6), child.slice(0, 6));
  assert.notDeepEqual(grandchild.slice(6), child.slice(6));
  assert.deepEqual(await drawsPerEvent(twice), grandchild);
  assert.equal(new SimWorld({ seed: 1, splits: twice }).lastSplitEvent, parent[5].event);
  assert.equal(new SimWorld({ seed: 1 }).lastSplitEvent, 0);
});
