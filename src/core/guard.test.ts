import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from './run-world.js';
import { NondeterminismError } from './errors.js';
import { installGuard, SIM_EPOCH_MS } from './guard.js';
import { SimWorld } from './world.js';

test('virtualize: clocks, timers and Math.random follow the simulation', async () => {
  const realDateNow = Date.now;
  const seen: number[] = [];
  const result = await runInWorld({ seed: 8 }, async (world) => {
    assert.equal(Date.now(), SIM_EPOCH_MS);
    assert.equal(new Date().getTime(), SIM_EPOCH_MS);
    assert.equal(new Date(0).getTime(), 0, 'explicit dates stay as given');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(world.nowMs, 250);
    assert.equal(performance.now(), 250);
    assert.equal(Date.now(), SIM_EPOCH_MS + 250);
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const id = setInterval(() => {
        if (++ticks === 3) {
          clearInterval(id);
          resolve();
        }
      }, 10);
    });
    assert.equal(world.nowMs, 280);
    const cancelled = setTimeout(() => seen.push(-1), 5);
    clearTimeout(cancelled);
    await new Promise((resolve) => setImmediate(resolve));
    seen.push(Math.random());
  });
  assert.equal(result.simTimeMs, 280);
  assert.equal(seen.length, 1);
  assert.equal(Date.now, realDateNow, 'the real globals are restored after the seed');
  const again: number[] = [];
  await runInWorld({ seed: 8 }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 250));
    again.push(0);
  });
  assert.ok(Date.now() > SIM_EPOCH_MS + 1e9);
});

test('virtualize: Math.random replays per seed', async () => {
  const draw = async (seed: number) => {
    let value = 0;
    await runInWorld({ seed }, () => {
      value = Math.random();
    });
    return value;
  };
  assert.equal(await draw(3), await draw(3));
  assert.notEqual(await draw(3), await draw(4));
});

for (const [api, call] of [
  ['Math.random()', () => Math.random()],
  ['Date.now()', () => Date.now()],
  ['new Date()', () => new Date()],
  ['performance.now()', () => performance.now()],
  ['setTimeout', () => setTimeout(() => undefined, 1)],
] as const) {
  test(`reject: ${api} fails the seed with the call site and the fix`, async () => {
    await assert.rejects(
      runInWorld({ seed: 21, guard: 'reject' }, async () => {
        try {
          call();
        } catch {
          // Swallowing the error does not hide it: the seed still fails.
        }
      }),
      (e: unknown) =>
        e instanceof NondeterminismError &&
        e.api === api &&
        e.seed === 21 &&
        /guard\.test\.ts:\d+/.test(e.callSite) &&
        /Inject (TimeProvider|RandomProvider)/.test(e.message),
    );
  });
}

test('virtualize: every seed gets the same Date class, reading the seed that runs now', async () => {
  // One class for all seeds: a class made per seed kept each seed's world alive past the seed
  // (see SimDate in guard.ts). What it reads must still be the running seed's clock.
  const seen: [DateConstructor, number][] = [];
  for (const waitMs of [100, 300]) {
    await runInWorld({ seed: 5 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      seen.push([Date, new Date().getTime()]);
    });
  }
  assert.equal(seen[0][0], seen[1][0]);
  assert.deepEqual(seen.map(([, ms]) => ms), [SIM_EPOCH_MS + 100, SIM_EPOCH_MS + 300]);
});

test('virtualize: a Date class kept past its seed reads the real clock, not a finished world', async () => {
  let Kept: DateConstructor | undefined;
  await runInWorld({ seed: 6 }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    Kept = Date;
  });
  const before = Date.now();
  const after = new Kept!().getTime();
  assert.ok(after >= before && Kept!.now() >= before, `expected the real clock (>= ${before}), got ${after}`);
});

test('nested guards: restoring the inner one gives the outer seed its clock back', () => {
  const outer = new SimWorld({ seed: 1 });
  const inner = new SimWorld({ seed: 2 });
  const restoreOuter = installGuard(outer, 'virtualize');
  try {
    outer.nowMs = 40;
    const restoreInner = installGuard(inner, 'virtualize');
    inner.nowMs = 7;
    assert.equal(Date.now(), SIM_EPOCH_MS + 7);
    restoreInner();
    assert.equal(Date.now(), SIM_EPOCH_MS + 40);
  } finally {
    restoreOuter();
  }
  assert.ok(Date.now() > SIM_EPOCH_MS + 1e9);
});
