import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from './run-world.js';
import { DeterminismMismatchError, firstDivergence } from './determinism.js';
import { chattyScenario } from './scenario.test-support.js';

test('same seed gives the same trace hash: 1,000 seeds each run twice; different seeds differ', async () => {
  const hashes = new Set<string>();
  for (let seed = 0; seed < 1000; seed++) {
    const a = await runInWorld({ seed }, chattyScenario);
    const b = await runInWorld({ seed }, chattyScenario);
    assert.equal(a.traceHash, b.traceHash, `seed ${seed}: two runs hashed differently`);
    hashes.add(a.traceHash);
  }
  assert.equal(hashes.size, 1000, 'every seed should produce its own trace');
});

test('two traced runs of a deterministic seed agree; a leak names the first diverging event', async () => {
  const runOnce = (leak: boolean) =>
    runInWorld({ seed: 17, recordTrace: true }, async (world) => {
      await chattyScenario(world);
      // Leaked state across runs: the second run sleeps one extra event.
      if (leak) await new Promise<void>((resolve) => world.schedule(0, 'leaked-timer', resolve, true));
    });
  const first = (await runOnce(false)).steps ?? [];
  assert.ok(first.length > 0, 'the runs were traced');
  assert.equal(firstDivergence(first, (await runOnce(false)).steps ?? []), undefined);
  const divergence = firstDivergence(first, (await runOnce(true)).steps ?? []);
  assert.ok(divergence !== undefined);
  const error = new DeterminismMismatchError(17, divergence);
  assert.match(error.message, /seed 17 is not deterministic/);
  assert.match(error.message, /second run event #\d+ "leaked-timer"/);
});

test('firstDivergence reports equal traces as undefined and a length difference at the end', () => {
  const s = [{ index: 1, timeMs: 0, kind: 'a', hash: 'x' }];
  assert.equal(firstDivergence(s, s), undefined);
  assert.deepEqual(firstDivergence(s, []), { index: 1, first: s[0], second: undefined });
});
