import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import * as timersPromises from 'node:timers/promises';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { runInWorld } from './run-world.js';
import { NondeterminismError } from './errors.js';
import { installGuard, SIM_EPOCH_MS } from './guard.js';
import { realGlobals } from './real-globals.js';
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
  const realRandom = Math.random;
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
  assert.equal(Math.random, realRandom);
});

test('Node edge cases: Date() is a string, dates from outside the seed are instanceof Date, timers clamp as Node does', async () => {
  const before = new Date(0);
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    await runInWorld({ seed: 3 }, async (world) => {
      assert.equal(typeof Date(), 'string');
      assert.match(Date(), /^Wed Jan 01 2025 00:00:00/);
      assert.ok(before instanceof Date, 'a Date made before the seed');
      assert.ok(structuredClone(new Date(5)) instanceof Date, 'a Date made by structuredClone');
      assert.ok(new Date() instanceof realGlobals.Date);
      class Stamp extends Date {}
      assert.equal(new Stamp().getTime(), SIM_EPOCH_MS);
      const fired: number[] = [];
      setTimeout(() => fired.push(world.nowMs), Infinity);
      setTimeout(() => fired.push(world.nowMs), 2 ** 31);
      setTimeout(() => fired.push(world.nowMs), 0);
      await promisify(setTimeout)(1);
      assert.deepEqual(fired, [1, 1, 1], 'Infinity, 2^31 and 0 all become 1 ms');
      const timer = setTimeout(() => fired.push(world.nowMs), 10);
      assert.equal(timer.hasRef(), true);
      assert.equal(timer.unref().hasRef(), false);
      assert.equal(typeof +timer, 'number');
      await promisify(setTimeout)(5);
      timer.refresh(); // from 6 ms: due at 16 ms, not 11
      await promisify(setTimeout)(20);
      assert.deepEqual(fired.slice(3), [16]);
      const closed = setTimeout(() => fired.push(-1), 1).close();
      clearTimeout(+closed);
      await promisify(setTimeout)(5);
      assert.equal(fired.includes(-1), false);
    });
  } finally {
    process.off('warning', onWarning);
  }
  assert.ok(warnings.includes('TimeoutOverflowWarning'));
});

test('node:timers/promises on simulated time: setTimeout with a value, an aborted wait, setInterval as an async iterator', async () => {
  await runInWorld({ seed: 4 }, async (world) => {
    assert.equal(await timersPromises.setTimeout(30, 'value'), 'value');
    assert.equal(world.nowMs, 30);
    const controller = new AbortController();
    const aborted = timersPromises.setTimeout(1000, undefined, { signal: controller.signal });
    await timersPromises.setTimeout(5);
    controller.abort();
    await assert.rejects(aborted, { name: 'AbortError', code: 'ABORT_ERR' });
    assert.equal(world.nowMs, 35);
    const ticks: number[] = [];
    for await (const _ of timersPromises.setInterval(10)) {
      ticks.push(world.nowMs);
      if (ticks.length === 3) break;
    }
    assert.deepEqual(ticks, [45, 55, 65]);
    await timersPromises.scheduler.wait(5);
    assert.equal(world.nowMs, 70);
  });
});

test('entropy replays per seed on its own streams: Math.random draws leave the providers alone', async () => {
  const draw = async (seed: number, extraMathRandom: number) => {
    let out = '';
    await runInWorld({ seed }, (world) => {
      for (let i = 0; i < extraMathRandom; i++) Math.random();
      out = `${world.rng.user.float()} ${randomUUID()} ${randomBytes(4).toString('hex')} ${randomInt(1000)} ${globalThis.crypto.getRandomValues(new Uint8Array(3)).join()}`;
    });
    return out;
  };
  assert.equal(await draw(9, 0), await draw(9, 5), 'Math.random has its own stream');
  assert.notEqual(await draw(9, 0), await draw(10, 0));
  assert.match((await draw(9, 0)).split(' ')[1], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the guard restores in reverse order of installation and names a global the seed replaced', async () => {
  const realRandom = Math.random;
  const outer = new SimWorld({ seed: 1 });
  const inner = new SimWorld({ seed: 2 });
  const restoreOuter = installGuard(outer, 'virtualize');
  const restoreInner = installGuard(inner, 'virtualize');
  assert.throws(() => restoreOuter(), /restored out of order/);
  restoreInner();
  Math.random = () => 0.5; // a seeded-random library patching the global inside a seed
  restoreOuter();
  assert.equal(Math.random, realRandom, 'the original is back');
  assert.match(outer.failed?.message ?? '', /Math\.random .*replaced it and did not put it back/);
});
