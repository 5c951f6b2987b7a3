import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { DeadlockError, TaskCancelledError } from '../core/errors.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { Mailbox } from './mailbox.js';

test('items go to waiting takers first, in arrival order, then queue up', async () => {
  const box = new Mailbox<number>('test');
  const first = box.take();
  const second = box.take();
  box.put(1);
  box.put(2);
  box.put(3);
  assert.deepEqual([await first, await second, await box.take()], [1, 2, 3]);
});

test('close answers waiting and later takes with null and drops queued items', async () => {
  const box = new Mailbox<number>('test');
  const waiting = box.take();
  box.close();
  box.put(7);
  assert.equal(await waiting, null);
  assert.equal(await box.take(), null);
  assert.ok(box.closed);
});

test('in a simulation a take is a named wait, and a cancelled taker does not swallow an item', async () => {
  await runInWorld({ seed: 5 }, async (world) => {
    const time = new SimTimeProvider(world);
    const box = new Mailbox<string>('inbox of the test');
    const doomed = world.spawn('doomed', () => box.take());
    const patient = world.spawn('patient', () => box.take());
    await time.sleep(1);
    assert.deepEqual(doomed.describeWaits(), ['inbox of the test']);
    doomed.cancel();
    await assert.rejects(doomed.join(), TaskCancelledError);
    box.put('hello');
    assert.equal(await patient.join(), 'hello');
  });
});

test('a deadlock report names the mailbox a required task waits on', async () => {
  await assert.rejects(
    runInWorld({ seed: 6 }, () => new Mailbox<number>('tryNextMessage() on 10.0.0.1:4500').take()),
    (error: unknown) => error instanceof DeadlockError && /main awaiting tryNextMessage\(\) on 10\.0\.0\.1:4500/.test(error.message),
  );
});
