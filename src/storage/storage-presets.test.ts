import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RngStreams } from '../core/rng.js';
import { latencyMsMax, latencyMeanMs } from '../network/latency.js';
import { STORAGE_FAULT_FAMILIES, STORAGE_LATENCY_OPS, type StorageConfig } from './storage-config.js';
import { StorageConfigError } from './storage-config-error.js';
import { validateStorageConfig } from './storage-config-validation.js';
import { resolveStorageConfig, storagePreset } from './storage-presets.js';

// Any stream works; the integration passes the seed's own `storage` stream.
const stream = (seed: number) => new RngStreams(seed).config;

test('hostile is at least 10x worse than default on every latency, probability and stall duration', () => {
  const calm = storagePreset('default');
  const hostile = storagePreset('hostile');
  const worse = (what: string, a: number, b: number) => assert.ok(b >= 10 * a && a > 0, `${what}: default ${a}, hostile ${b}`);
  for (const op of STORAGE_LATENCY_OPS) {
    worse(`latencyMs.${op} mean`, latencyMeanMs(calm.latencyMs[op]), latencyMeanMs(hostile.latencyMs[op]));
    worse(`latencyMs.${op} max`, latencyMsMax(calm.latencyMs[op]), latencyMsMax(hostile.latencyMs[op]));
  }
  for (const family of STORAGE_FAULT_FAMILIES) {
    assert.ok(calm.faults[family].enabled && hostile.faults[family].enabled, `${family} is on in default and hostile`);
    worse(`faults.${family}.probability`, calm.faults[family].probability, hostile.faults[family].probability);
  }
  worse('stall.durationMs.min', calm.faults.stall.durationMs.min, hostile.faults.stall.durationMs.min);
  worse('stall.durationMs.max', calm.faults.stall.durationMs.max, hostile.faults.stall.durationMs.max);
});

test('perfect has every family off and fixed latencies, and draws nothing to resolve', () => {
  const perfect = storagePreset('perfect');
  assert.deepEqual(STORAGE_FAULT_FAMILIES.filter((f) => perfect.faults[f].enabled), []);
  for (const op of STORAGE_LATENCY_OPS) assert.equal(latencyMeanMs(perfect.latencyMs[op]), latencyMsMax(perfect.latencyMs[op]));
  const rng = stream(1);
  resolveStorageConfig('perfect', rng, { swarm: true });
  assert.equal(rng.draws, 0);
});

test('resolve gives fresh copies, validates configs and names unknown presets', () => {
  const a = resolveStorageConfig('hostile', stream(1));
  a.faults.lostWrite.enabled = false;
  assert.equal(resolveStorageConfig('hostile', stream(1)).faults.lostWrite.enabled, true);
  assert.throws(() => resolveStorageConfig('chaotic' as 'hostile', stream(1)), /unknown preset, expected one of perfect, default, hostile, random/);
  assert.throws(() => storagePreset('random' as 'hostile'), StorageConfigError);
  const bad = storagePreset('default');
  bad.faults.stall.durationMs = { min: 5, max: 1 };
  assert.throws(() => resolveStorageConfig(bad, stream(1)), (e: unknown) => e instanceof RangeError && /faults\.stall\.durationMs/.test((e as Error).message));
});

test('swarm switches each family on in some seeds and off in others, the same way per seed', () => {
  const seen = new Map<string, Set<boolean>>();
  for (let seed = 0; seed < 40; seed++) {
    const config = resolveStorageConfig('hostile', stream(seed), { swarm: true });
    assert.deepEqual(config, resolveStorageConfig('hostile', stream(seed), { swarm: true }), `seed ${seed}`);
    assert.equal(config.swarm, true);
    for (const f of STORAGE_FAULT_FAMILIES) seen.set(f, (seen.get(f) ?? new Set()).add(config.faults[f].enabled));
  }
  for (const [family, states] of seen) assert.equal(states.size, 2, `${family} was always ${[...states][0] ? 'on' : 'off'}`);
});

test('random draws each family on or off and its probability between default and hostile, per seed', () => {
  const calm = storagePreset('default');
  const hostile = storagePreset('hostile');
  const seen = new Map<string, Set<boolean>>();
  for (let seed = 0; seed < 40; seed++) {
    const rng = stream(seed);
    const config = resolveStorageConfig('random', rng);
    assert.equal(rng.draws, 2 + 2 * STORAGE_FAULT_FAMILIES.length, 'a fixed number of draws');
    assert.deepEqual(config, resolveStorageConfig('random', stream(seed)), `seed ${seed}: the same seed draws the same values`);
    assert.equal(config.preset, 'random');
    for (const f of STORAGE_FAULT_FAMILIES) {
      const p = config.faults[f].probability;
      assert.ok(p >= calm.faults[f].probability * 0.999999 && p <= hostile.faults[f].probability * 1.000001, `seed ${seed}: ${f} probability ${p}`);
      seen.set(f, (seen.get(f) ?? new Set()).add(config.faults[f].enabled));
    }
    assert.ok(config.capacityBytes >= hostile.capacityBytes && config.capacityBytes <= calm.capacityBytes);
    assert.equal(config.capacityBytes % 4096, 0);
  }
  for (const [family, states] of seen) assert.equal(states.size, 2, `${family} was always ${[...states][0] ? 'on' : 'off'}`);
});

test('validateStorageConfig names the key and the valid form of every malformed config', () => {
  const cases: [string, (c: StorageConfig) => void, RegExp][] = [
    ['unknown top-level key', (c) => ((c as unknown as Record<string, unknown>).capacity = 5), /capacity is 5, expected no such key \(the keys are preset, swarm, latencyMs, faults, capacityBytes\)/],
    ['unknown family', (c) => ((c.faults as unknown as Record<string, unknown>).bitRot = c.faults.stall), /faults\.bitRot .*no such key/],
    ['unknown setting key', (c) => ((c.faults.stall as unknown as Record<string, unknown>).p = 1), /faults\.stall\.p is 1, expected no such key/],
    ['unknown latency op', (c) => ((c.latencyMs as unknown as Record<string, unknown>).open = c.latencyMs.read), /latencyMs\.open .*no such key/],
    ['missing family', (c) => delete (c.faults as Partial<StorageConfig['faults']>).lostWrite, /faults\.lostWrite is undefined, expected \{ enabled, probability, durationMs \}/],
    ['negative probability', (c) => (c.faults.lostWrite.probability = -0.1), /faults\.lostWrite\.probability is -0\.1, expected a number in \[0, 1\]/],
    ['NaN probability', (c) => (c.faults.readCorruption.probability = NaN), /faults\.readCorruption\.probability is NaN, expected a number in \[0, 1\]/],
    ['probability above 1', (c) => (c.faults.syncFailure.probability = 2), /syncFailure\.probability is 2/],
    ['enabled not boolean', (c) => ((c.faults.stall as unknown as Record<string, unknown>).enabled = 'yes'), /faults\.stall\.enabled is "yes", expected a boolean/],
    ['inverted stall range', (c) => (c.faults.stall.durationMs = { min: 10, max: 1 }), /faults\.stall\.durationMs is \{"min":10,"max":1\}, expected \{ min, max \} with 0 <= min <= max/],
    ['infinite range', (c) => (c.faults.stall.durationMs = { min: 0, max: Infinity }), /durationMs is \{"min":0,"max":"Infinity"\}/],
    ['inverted latency', (c) => (c.latencyMs.read = { kind: 'uniform', min: 2, max: 1 }), /latencyMs\.read .*expected \{ kind: "uniform", min, max \} with 0 <= min <= max/],
    ['bad latency kind', (c) => ((c.latencyMs.sync as unknown as Record<string, unknown>).kind = 'normal'), /latencyMs\.sync\.kind is "normal", expected "uniform", "exponential" or "bimodal"/],
    ['bad bimodal part', (c) => (c.latencyMs.write = { kind: 'bimodal', fast: { min: 1, max: 0 }, slow: { min: 1, max: 2 }, slowProbability: 0.1 }), /latencyMs\.write\.fast/],
    ['capacity zero', (c) => (c.capacityBytes = 0), /capacityBytes is 0, expected a positive safe integer/],
    ['capacity fractional', (c) => (c.capacityBytes = 1.5), /capacityBytes is 1\.5/],
    ['capacity string', (c) => ((c as unknown as Record<string, unknown>).capacityBytes = '1GB'), /capacityBytes is "1GB"/],
    ['swarm not boolean', (c) => ((c as unknown as Record<string, unknown>).swarm = 1), /swarm is 1, expected a boolean/],
    [
      'one write can trigger only one family',
      (c) => {
        c.faults.lostWrite.probability = 0.6;
        c.faults.misdirectedWrite.probability = 0.6;
      },
      /one write operation can trigger only one.*a sum of at most 1/,
    ],
  ];
  for (const [name, spoil, message] of cases) {
    const config = storagePreset('default');
    spoil(config);
    assert.throws(
      () => validateStorageConfig(config, 'test'),
      (e: unknown) => e instanceof StorageConfigError && e instanceof RangeError && message.test(e.message),
      name,
    );
  }
  assert.throws(() => validateStorageConfig(null as unknown as StorageConfig, 'test'), /config is null, expected an object/);
  for (const name of ['perfect', 'default', 'hostile'] as const) validateStorageConfig(storagePreset(name), name);
  // A disabled family's probabilities do not count toward the sum.
  const off = storagePreset('default');
  off.faults.lostWrite = { enabled: false, probability: 0.9, durationMs: { min: 0, max: 0 } };
  off.faults.misdirectedWrite.probability = 0.5;
  validateStorageConfig(off, 'test');
});
