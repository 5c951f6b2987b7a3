import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from './run-world.js';
import { checkDeterminism, DeterminismMismatchError, firstDivergence } from './determinism.js';
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

test('the self-check passes a deterministic seed and names the first diverging event otherwise', async () => {
  await checkDeterminism(17, () => runInWorld({ seed: 17, recordTrace: true }, chattyScenario));
  let run = 0;
  const error = await checkDeterminism(17, () => {
    run++;
    return runInWorld({ seed: 17, recordTrace: true }, async (world) => {
      await chattyScenario(world);
      // Leaked state across runs: the second run sleeps one extra event.
      if (run === 2) await new Promise<void>((resolve) => world.schedule(0, 'leaked-timer', resolve, true));
    });
  }).then(
    () => assert.fail('expected a mismatch'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DeterminismMismatchError);
  assert.match(error.message, /seed 17 is not deterministic/);
  assert.match(error.message, /second run event #\d+ "leaked-timer"/);
});

test('firstDivergence reports equal traces as undefined and a length difference at the end', () => {
  const s = [{ index: 1, timeMs: 0, kind: 'a', hash: 'x' }];
  assert.equal(firstDivergence(s, s), undefined);
  assert.deepEqual(firstDivergence(s, []), { index: 1, first: s[0], second: undefined });
});
