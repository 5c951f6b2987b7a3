import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RngStreams } from '../core/rng.js';
import { runInWorld } from '../core/run-world.js';
import { NetworkConfigError } from './config-validation.js';
import { latencyMsMax, latencyMeanMs } from './latency.js';
import { FAULT_FAMILIES, LATENCY_OPS, TIMED_FAULT_FAMILIES, type NetworkConfig } from './network-config.js';
import { networkPreset, resolveNetworkConfig } from './presets.js';
import { SimNetwork } from './sim-network.js';

const configStream = (seed: number) => new RngStreams(seed).config;

test('hostile is at least 10x worse than default on every latency, probability, duration and bound', () => {
  const calm = networkPreset('default');
  const hostile = networkPreset('hostile');
  const worse = (what: string, a: number, b: number) => assert.ok(b >= 10 * a && a > 0, `${what}: default ${a}, hostile ${b}`);
  for (const op of LATENCY_OPS) {
    worse(`latencyMs.${op} mean`, latencyMeanMs(calm.latencyMs[op]), latencyMeanMs(hostile.latencyMs[op]));
    worse(`latencyMs.${op} max`, latencyMsMax(calm.latencyMs[op]), latencyMsMax(hostile.latencyMs[op]));
  }
  worse('pairBaseMs.max', calm.pairBaseMs.max, hostile.pairBaseMs.max);
  worse('clockDrift.offsetMsMax', calm.clockDrift.offsetMsMax, hostile.clockDrift.offsetMsMax);
  worse('clockDrift.rateMax', calm.clockDrift.rateMax, hostile.clockDrift.rateMax);
  for (const family of FAULT_FAMILIES) {
    assert.ok(calm.faults[family].enabled && hostile.faults[family].enabled, `${family} is on in default and hostile`);
    worse(`faults.${family}.probability`, calm.faults[family].probability, hostile.faults[family].probability);
    if (!TIMED_FAULT_FAMILIES.includes(family)) continue;
    worse(`faults.${family}.durationMs.min`, calm.faults[family].durationMs.min, hostile.faults[family].durationMs.min);
    worse(`faults.${family}.durationMs.max`, calm.faults[family].durationMs.max, hostile.faults[family].durationMs.max);
  }
});

test('perfect has every family off and fixed latencies', () => {
  const perfect = networkPreset('perfect');
  assert.deepEqual(FAULT_FAMILIES.filter((f) => perfect.faults[f].enabled), []);
  for (const op of LATENCY_OPS) assert.equal(latencyMeanMs(perfect.latencyMs[op]), latencyMsMax(perfect.latencyMs[op]));
});

test('resolve gives fresh copies, validates configs and names unknown presets', () => {
  const a = resolveNetworkConfig('hostile', configStream(1));
  a.faults.bitFlip.enabled = false;
  assert.equal(resolveNetworkConfig('hostile', configStream(1)).faults.bitFlip.enabled, true);
  assert.throws(() => resolveNetworkConfig('chaotic' as 'hostile', configStream(1)), /unknown preset, expected one of perfect, default, hostile, random/);
  const bad = networkPreset('default');
  bad.latencyMs.delivery = { kind: 'uniform', min: 5, max: 1 };
  assert.throws(() => resolveNetworkConfig(bad, configStream(1)), (e: unknown) => e instanceof NetworkConfigError && /latencyMs\.delivery/.test(e.message));
  const crowded = networkPreset('default');
  crowded.faults.partialWrite.probability = 0.9;
  crowded.faults.writeClog.probability = 0.9;
  assert.throws(() => resolveNetworkConfig(crowded, configStream(1)), /one write can trigger only one.*a sum of at most 1/);
  const drifty = networkPreset('default');
  drifty.clockDrift.rateMax = 1;
  assert.throws(() => resolveNetworkConfig(drifty, configStream(1)), /clockDrift\.rateMax is 1, expected a number in \[0, 1\)/);
});

test('swarm switches each family on in some seeds and off in others, the same way per seed', () => {
  const seen = new Map<string, Set<boolean>>();
  for (let seed = 0; seed < 40; seed++) {
    const config = resolveNetworkConfig('hostile', configStream(seed), { swarm: true });
    assert.deepEqual(config, resolveNetworkConfig('hostile', configStream(seed), { swarm: true }), `seed ${seed}`);
    assert.equal(config.swarm, true);
    for (const f of FAULT_FAMILIES) seen.set(f, (seen.get(f) ?? new Set()).add(config.faults[f].enabled));
    const perfect = resolveNetworkConfig('perfect', configStream(seed), { swarm: true });
    assert.deepEqual(FAULT_FAMILIES.filter((f) => perfect.faults[f].enabled), [], 'swarm never switches a family on');
  }
  for (const [family, states] of seen) assert.equal(states.size, 2, `${family} was always ${[...states][0] ? 'on' : 'off'}`);
});

test('random draws values between default and hostile, per seed', () => {
  const calm = networkPreset('default');
  const hostile = networkPreset('hostile');
  const drawn: NetworkConfig[] = [];
  for (let seed = 0; seed < 20; seed++) {
    const config = resolveNetworkConfig('random', configStream(seed));
    assert.deepEqual(config, resolveNetworkConfig('random', configStream(seed)), `seed ${seed}: the same seed draws the same values`);
    assert.equal(config.preset, 'random');
    for (const f of FAULT_FAMILIES) {
      const p = config.faults[f].probability;
      assert.ok(p >= calm.faults[f].probability && p <= hostile.faults[f].probability, `seed ${seed}: ${f} probability ${p}`);
    }
    const mean = latencyMeanMs(config.latencyMs.delivery);
    assert.ok(mean >= latencyMeanMs(calm.latencyMs.delivery) - 1e-9 && mean <= latencyMeanMs(hostile.latencyMs.delivery) + 1e-9);
    drawn.push(config);
  }
  assert.notDeepEqual(drawn[0], drawn[1]);
});

test('describe() lists the preset, latencies, salt and every family with its values', async () => {
  await runInWorld({ seed: 9 }, (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('hostile', world.rng.config));
    const described = network.describe();
    assert.equal(described['network.preset'], 'hostile');
    assert.equal(described['network.latencyMs.delivery'], 'bimodal fast 0.5..3 slow 10..50 p(slow)=0.1');
    assert.equal(typeof described['network.pairLatencySalt'], 'number');
    assert.equal(described['network.faults.partition'], 'on p=0.001 durationMs 100..1000');
    assert.equal(described['network.faults.bitFlip'], 'on p=0.001');
    for (const f of FAULT_FAMILIES) assert.ok(`network.faults.${f}` in described, f);
    const off = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config)).describe();
    assert.equal(off['network.faults.partition'], 'off');
  });
});
