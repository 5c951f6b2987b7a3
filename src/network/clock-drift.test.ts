import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runInWorld } from '../core/run-world.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { FAULT_FAMILIES } from './network-config.js';
import { networkPreset } from './presets.js';
import { SimNetwork } from './sim-network.js';

const HOSTS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];

/** Drives drift episodes through writes (the operations that roll clockDrift) and samples each
 * host's clock at every step. */
async function sampleClocks(seed: number, steps: number, stopChaosAt = Infinity) {
  const config = networkPreset('hostile');
  for (const family of FAULT_FAMILIES) config.faults[family].enabled = family === 'clockDrift';
  config.faults.clockDrift.probability = 0.2;
  const samples = new Map<string, number[]>(HOSTS.map((ip) => [ip, []]));
  let offsetMsMaxSeen = 0;
  let drifts = 0;
  await runInWorld({ seed }, async (world) => {
    const network = new SimNetwork(world, config);
    const clocks = HOSTS.map((ip) => [ip, new SimTimeProvider(world, () => network.clockOffsetMs(ip))] as const);
    const listener = await network.provider(HOSTS[0]).listen(`${HOSTS[0]}:1`);
    const conn = await network.provider(HOSTS[1]).connect(listener.address);
    const sleeper = new SimTimeProvider(world);
    for (let step = 0; step < steps; step++) {
      if (step === stopChaosAt) network.setChaos(false);
      await conn.write(new Uint8Array([step & 0xff]));
      await sleeper.sleep(world.rng.user.between(0, 400));
      for (const [ip, clock] of clocks) {
        samples.get(ip)?.push(clock.now());
        offsetMsMaxSeen = Math.max(offsetMsMaxSeen, Math.abs(network.clockOffsetMs(ip)));
      }
    }
    drifts = network.faultCounts().clockDrift;
  });
  return { samples, offsetMsMaxSeen, drifts, bound: config.clockDrift.offsetMsMax };
}

test('property: drifted clocks stay within the bound and never go backwards', async () => {
  let drifted = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), async (seed) => {
      const { samples, offsetMsMaxSeen, drifts, bound } = await sampleClocks(seed, 150);
      drifted += drifts;
      assert.ok(offsetMsMaxSeen <= bound, `seed ${seed}: offset ${offsetMsMaxSeen} ms beyond ±${bound}`);
      for (const [ip, readings] of samples) {
        readings.forEach((now, i) => assert.ok(i === 0 || now >= readings[i - 1], `seed ${seed}: ${ip} went back from ${readings[i - 1]} to ${now}`));
      }
    }),
    { numRuns: 25 },
  );
  assert.ok(drifted > 0, 'no drift episode happened, so the property was not exercised');
});

test('drift actually moves clocks apart, and the liveness phase stops it', async () => {
  const { samples, offsetMsMaxSeen } = await sampleClocks(3, 300, 150);
  assert.ok(offsetMsMaxSeen > 1, `seed 3: clocks never drifted more than ${offsetMsMaxSeen} ms`);
  // After setChaos(false) every clock runs at simulated speed: offsets are frozen.
  const offsets = HOSTS.map((ip) => (samples.get(ip) ?? []).slice(160));
  const reference = (samples.get(HOSTS[0]) ?? []).slice(160);
  for (const readings of offsets) {
    const gaps = readings.map((now, i) => now - reference[i]);
    assert.ok(gaps.every((gap) => Math.abs(gap - gaps[0]) < 1e-6), `seed 3: offsets still change after setChaos(false): ${gaps.slice(0, 5).join(', ')}`);
  }
});

test('hosts never touched by drift read plain simulated time', async () => {
  await runInWorld({ seed: 1 }, async (world) => {
    const network = new SimNetwork(world, networkPreset('perfect'));
    await new SimTimeProvider(world).sleep(123);
    assert.equal(network.clockOffsetMs('10.0.0.9'), 0);
    assert.equal(new SimTimeProvider(world, () => network.clockOffsetMs('10.0.0.9')).now(), 123);
  });
});
