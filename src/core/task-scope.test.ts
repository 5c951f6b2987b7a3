import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { runInWorld } from './run-world.js';
import { TaskScope } from './task-scope.js';
import type { Waiter } from './waiter.js';
import type { SimWorld } from './world.js';

/** Two "processes", each a task in its own scope, both woken by one event (`ring`). */
function twoWokenByOneEvent(world: SimWorld, killer: 'p' | 'q') {
  const log: string[] = [];
  const scopes = { p: new TaskScope('p'), q: new TaskScope('q') };
  const gates: Partial<Record<'p' | 'q', Waiter<void>>> = {};
  const time = new SimTimeProvider(world);
  const tasks = (['p', 'q'] as const).map((name) =>
    world.spawn(
      `${name}.run`,
      async () => {
        const gate = world.waiter<void>(`${name} gate`);
        gates[name] = gate;
        try {
          await gate.promise;
          log.push(`${name} woke`);
          if (name === killer) scopes[name === 'p' ? 'q' : 'p'].kill();
          // A wait started after the wake-up: it must be filed under this task, not the other.
          await time.sleep(5);
          log.push(`${name} slept`);
        } finally {
          log.push(`${name} finally`);
        }
      },
      false,
      scopes[name],
    ),
  );
  // One event resolves both gates.
  world.schedule(10, 'ring', () => {
    gates.p!.resolve();
    gates.q!.resolve();
  });
  return { log, tasks };
}

test('one event wakes two processes: the first drain kills the second, which never resumes', async () => {
  let seen: ReturnType<typeof twoWokenByOneEvent> | undefined;
  await runInWorld({ seed: 1 }, async (world) => {
    seen = twoWokenByOneEvent(world, 'p');
    await new SimTimeProvider(world).sleep(100);
  });
  const { log, tasks } = seen!;
  assert.deepEqual(log, ['p woke', 'p slept', 'p finally']);
  assert.equal(tasks[0].state, 'done');
  assert.equal(tasks[1].state, 'killed');
});

test('one event wakes two processes: the second drain kills the first, whose new waits are its own', async () => {
  let seen: ReturnType<typeof twoWokenByOneEvent> | undefined;
  await runInWorld({ seed: 1 }, async (world) => {
    seen = twoWokenByOneEvent(world, 'q');
    await new SimTimeProvider(world).sleep(100);
  });
  const { log, tasks } = seen!;
  // p resumed first and began its sleep; q then killed p, so p's sleep never ends, while q's
  // own sleep (begun after its wake-up) is q's and ends normally.
  assert.deepEqual(log, ['p woke', 'q woke', 'q slept', 'q finally']);
  assert.equal(tasks[0].state, 'killed');
  assert.equal(tasks[1].state, 'done');
});

test('continuations are attributed to the task that awaited, even when one event woke several', async () => {
  await runInWorld({ seed: 2 }, async (world) => {
    const time = new SimTimeProvider(world);
    const gates: Waiter<void>[] = [];
    const names = ['a', 'b', 'c'];
    const tasks = names.map((name) =>
      world.spawn(name, async () => {
        const gate = world.waiter<void>(`${name} gate`);
        gates.push(gate);
        await gate.promise;
        await time.sleep(50);
      }),
    );
    world.schedule(10, 'ring', () => gates.forEach((g) => g.resolve()));
    await time.sleep(20);
    // Each task waits on its own sleep, listed under itself.
    assert.deepEqual(
      tasks.map((t) => t.describeWaits()),
      [['sleep(50 ms)'], ['sleep(50 ms)'], ['sleep(50 ms)']],
    );
    for (const task of tasks) await task.join();
  });
});

test('a killed process with many pending waits never runs again: sleeps, reads, alarms, joins, timers, finally blocks', async () => {
  const ran: string[] = [];
  const result = await runInWorld({ seed: 3 }, async (world) => {
    const time = new SimTimeProvider(world);
    const scope = new TaskScope('server#0');
    let read: Waiter<string> | undefined;
    const body = async (name: string, wait: () => Promise<unknown>) => {
      try {
        await wait();
        ran.push(`${name} resumed`);
      } catch {
        ran.push(`${name} rejected`);
      } finally {
        ran.push(`${name} finally`);
      }
    };
    const main = world.spawn(
      'server#0.run',
      async () => {
        read = world.waiter<string>('read'); // a socket read of the server's
        const child = world.spawn('server#0/child', () => body('child', () => time.sleep(30)));
        world.alarm(25, () => ran.push('alarm rang'), undefined);
        world.schedule(25, 'setTimeout', () => ran.push('timer callback'), true);
        await Promise.all([
          body('sleep', () => time.sleep(40)),
          body('read', () => read!.promise),
          body('timeout', () => time.timeout(35, new Promise(() => undefined))),
          body('join', () => child.join()),
        ]);
        ran.push('run returned');
      },
      true,
      scope,
    );
    await time.sleep(10);
    assert.ok(scope.live().length >= 2, 'the child joined the scope of the task that spawned it');
    scope.kill();
    assert.equal(main.state, 'killed');
    assert.equal(main.waits.size, 0);
    read!.resolve('late bytes'); // a peer's data arriving after the crash
    await time.sleep(100);
    // A killed required task counts as finished: the world does not call it a deadlock.
    assert.equal(main.finished, true);
  });
  assert.deepEqual(ran, []);
  assert.equal(result.simTimeMs, 110);
});

test('spawning into a dead scope is an engine invariant', async () => {
  await runInWorld({ seed: 4 }, (world) => {
    const scope = new TaskScope('gone');
    scope.kill();
    assert.throws(() => world.spawn('late', () => undefined, false, scope), /dead scope gone/);
  });
});

test('a killed process never resumes code that ran in the drain of one of its tasks that had already finished', async () => {
  const ran: string[] = [];
  await runInWorld({ seed: 5 }, async (world) => {
    const time = new SimTimeProvider(world);
    const scope = new TaskScope('client#0');
    world.spawn(
      'client#0.run',
      async () => {
        // A reply settled by the read loop: a plain promise, so what follows runs in the read
        // loop's drain and its sleep is a wait of the read loop (a transport's request works so).
        let reply!: (value: string) => void;
        const replied = new Promise<string>((resolve) => (reply = resolve));
        world.spawn('client#0/read-loop', async () => {
          await time.sleep(5);
          reply('pong');
        });
        await replied;
        ran.push('reply handled');
        await time.sleep(20); // the read loop finished meanwhile
        ran.push('resumed after the crash');
      },
      false,
      scope,
    );
    await time.sleep(10);
    // Enough later tasks that the scope compacts its list of tasks before the crash.
    for (let i = 0; i < 20; i++) world.spawn(`client#0/short-${i}`, () => undefined, false, scope);
    await time.sleep(1);
    scope.kill();
    await time.sleep(50);
  });
  assert.deepEqual(ran, ['reply handled']);
});
