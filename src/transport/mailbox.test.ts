import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { DeadlockError, TaskCancelledError } from '../core/errors.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { Mailbox, MailboxLane } from './mailbox.js';

test('items go to waiting takers first, in arrival order, then queue up', async () => {
  const box = new Mailbox<number>('test');
  const lane = new MailboxLane<number>();
  const first = box.take();
  const second = box.take();
  box.put(lane, 1);
  box.put(lane, 2);
  box.put(lane, 3);
  assert.deepEqual([await first, await second, await box.take()], [1, 2, 3]);
});

test('lanes take turns: a lane with many items waiting delays another lane by one item at most', async () => {
  const box = new Mailbox<string>('test');
  const flood = new MailboxLane<string>();
  const quiet = new MailboxLane<string>();
  const other = new MailboxLane<string>();
  for (let i = 0; i < 5; i++) box.put(flood, `f${i}`);
  box.put(quiet, 'q0');
  box.put(other, 'o0');
  box.put(other, 'o1');
  const taken: (string | null)[] = [];
  for (let i = 0; i < 8; i++) taken.push(await box.take());
  assert.deepEqual(taken, ['f0', 'q0', 'o0', 'f1', 'o1', 'f2', 'f3', 'f4']);
});

test("drop removes a lane's items; the mailbox skips the lane after that", async () => {
  const box = new Mailbox<number>('test');
  const gone = new MailboxLane<number>();
  const kept = new MailboxLane<number>();
  box.put(gone, 1);
  box.put(gone, 2);
  box.put(kept, 3);
  assert.deepEqual(box.drop(gone), [1, 2]);
  assert.equal(await box.take(), 3);
  const waiting = box.take();
  box.put(kept, 4);
  assert.equal(await waiting, 4);
});

test('close answers waiting and later takes with null and drops queued items', async () => {
  const box = new Mailbox<number>('test');
  const waiting = box.take();
  box.close();
  box.put(new MailboxLane<number>(), 7);
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
    box.put(new MailboxLane<string>(), 'hello');
    assert.equal(await patient.join(), 'hello');
  });
});

test('a deadlock report names the mailbox a required task waits on', async () => {
  await assert.rejects(
    runInWorld({ seed: 6 }, () => new Mailbox<number>('tryNextMessage() on 10.0.0.1:4500').take()),
    (error: unknown) => error instanceof DeadlockError && /main awaiting tryNextMessage\(\) on 10\.0\.0\.1:4500/.test(error.message),
  );
});
