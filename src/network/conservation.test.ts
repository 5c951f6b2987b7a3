import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FAULT_FAMILIES, type FaultFamily, type NetworkConfig } from './network-config.js';
import { networkPreset } from './presets.js';
import { assertConservation, runTraffic } from './traffic.test-support.js';

const KILLERS: readonly FaultFamily[] = ['connectionClose', 'connectionReset'];

/** Hostile with only `families` on, each 4x as likely so a few seeds see it. */
function only(families: readonly FaultFamily[]): NetworkConfig {
  const config = networkPreset('hostile');
  config.preset = `hostile[${families.join('+')}]`;
  for (const family of FAULT_FAMILIES) {
    const setting = config.faults[family];
    setting.enabled = families.includes(family);
    setting.probability = Math.min(1 / 8, setting.probability * 4);
  }
  return config;
}

const SAFE_FAMILIES = FAULT_FAMILIES.filter((f) => f !== 'bitFlip');

for (const family of SAFE_FAMILIES) {
  test(`FIFO and byte conservation hold under ${family}`, async () => {
    let fired = 0;
    for (let seed = 100; seed < 106; seed++) {
      const result = await runTraffic(seed, only([family]), { connectionsPerClient: 3 });
      fired += result.counts[family];
      // Without close/reset faults every byte written reaches the other end.
      assertConservation(result, !KILLERS.includes(family), family);
    }
    assert.ok(fired > 0, `${family} never fired on seeds 100-105: the check above proved nothing`);
  });
}

test('property: under any mix of the non-corrupting families, receivers read a prefix of what was written', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.subarray([...SAFE_FAMILIES], { minLength: 1 }),
      fc.integer({ min: 1, max: 4000 }),
      async (seed, families, messageBytesMax) => {
        const result = await runTraffic(seed, only(families), { connectionsPerClient: 2, messagesPerConnection: 15, messageBytesMax });
        assertConservation(result, !families.some((f) => KILLERS.includes(f)), families.join('+'));
      },
    ),
    { numRuns: 40 },
  );
});

test('bit flips are the one family that breaks conservation (so the check above can fail)', async () => {
  let corrupted = 0;
  for (let seed = 200; seed < 210 && corrupted === 0; seed++) {
    const config = only(['bitFlip']);
    config.faults.bitFlip.probability = 0.05;
    const result = await runTraffic(seed, config);
    if (result.counts.bitFlip > 0) {
      assert.throws(() => assertConservation(result, true, 'bitFlip'), /not a prefix/);
      corrupted++;
    }
  }
  assert.equal(corrupted, 1, 'no bit flip in seeds 200-209');
});
