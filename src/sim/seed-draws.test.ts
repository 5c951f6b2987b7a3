import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RngStream } from '../core/rng.js';
import { FAULT_FAMILIES } from '../network/network-config.js';
import { networkPreset } from '../network/presets.js';
import { describeRandomDraws, drawRandomConfig } from '../network/random-preset.js';
import { StorageProvider } from '../storage/storage-provider.js';
import { STORAGE_FAULT_FAMILIES } from '../storage/storage-config.js';
import { storagePreset } from '../storage/storage-presets.js';
import { describeRandomStorageDraws, drawRandomStorageConfig } from '../storage/storage-random-preset.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import type { SeedResult } from '../model/report.js';
import { runSeed } from './run-seed.js';
import type { SeedRunOptions } from './seed-options.js';

@Workload()
class Failing {
  run(): void {
    throw new Error('planted');
  }
}

@Workload()
class DiskFailing {
  constructor(@Inject(StorageProvider) private readonly storage: StorageProvider) {}
  async run(): Promise<void> {
    const file = await this.storage.open('log', { create: true });
    await file.write(0, new Uint8Array([1, 2, 3]));
    throw new Error('planted');
  }
}

@Workload()
class Passing {
  run(): void {}
}

let topologies = 0;
async function seedOf(declared: object, seed: number, options: SeedRunOptions = {}): Promise<SeedResult> {
  const target = class {};
  Topology({ name: `draws-${++topologies}`, roles: { node: Failing }, layouts: [{ node: 1 }], ...declared })(target);
  return runSeed(expandLayouts(topologyOf(target)!)[0], seed, options);
}

/** A stream whose every float() is `t` and every bool() true: a `random` preset drawn at one severity. */
function fixedStream(t: number): RngStream {
  return { float: () => t, bool: () => true } as unknown as RngStream;
}

test('under a fixed preset a failing seed drew only buggify: the preset fixes every network value', async () => {
  for (let seed = 1; seed <= 10; seed++) {
    const result = await seedOf({ network: 'hostile' }, seed);
    assert.equal(result.ok, false);
    assert.deepEqual(result.beyondPresets, { 'chaos.buggify': result.options['chaos.buggify'] }, `seed ${seed}`);
  }
  const forced = await seedOf({ network: 'hostile' }, 1, { buggify: 'on' });
  assert.deepEqual(forced.beyondPresets, {}, 'buggify forced on is the run\'s choice, not a draw');
  const passing = await seedOf({ roles: { node: Passing } }, 1);
  assert.equal(passing.ok, true);
  assert.equal(passing.beyondPresets, undefined, 'a passing seed carries no drawn record');
});

test('with swarm, exactly the fault families the seed switched off are drawn', async () => {
  let anyOff = false;
  for (let seed = 1; seed <= 20; seed++) {
    const result = await seedOf({ network: 'hostile' }, seed, { swarm: true });
    const off = FAULT_FAMILIES.filter((f) => result.options[`network.faults.${f}`] === 'off').map((f) => `network.faults.${f}`);
    const drawnNetwork = Object.keys(result.beyondPresets!).filter((k) => k.startsWith('network.'));
    assert.deepEqual(drawnNetwork, off, `seed ${seed}`);
    for (const key of off) assert.equal(result.beyondPresets![key], 'off');
    anyOff ||= off.length > 0;
  }
  assert.ok(anyOff, 'swarm switched some family off in 20 seeds');
});

test('a config of its own is its own preset: only what swarm changed in it is drawn', async () => {
  const mine = { ...networkPreset('default'), preset: 'mine', pairBaseMs: { min: 1, max: 2 } };
  const plain = await seedOf({ network: mine }, 4);
  assert.deepEqual(Object.keys(plain.beyondPresets!).filter((k) => k.startsWith('network.')), []);
  const swarmed = await seedOf({ network: mine }, 4, { swarm: true });
  const off = FAULT_FAMILIES.filter((f) => swarmed.options[`network.faults.${f}`] === 'off').map((f) => `network.faults.${f}`);
  assert.deepEqual(Object.keys(swarmed.beyondPresets!).filter((k) => k.startsWith('network.')), off);
});

test('the random preset is drawn as one severity per draw, and a random layout as its sizes', async () => {
  const result = await seedOf({ network: 'random', layouts: [{ node: [1, 3] }] }, 9);
  assert.equal(result.beyondPresets!['layout.node'], result.options['layout.node']);
  assert.match(
    String(result.beyondPresets!['network.random']),
    new RegExp(`^severity from 0 \\(default\\) to 1 \\(hostile\\): latency [01]\\.\\d\\d, sendBuffer [01]\\.\\d\\d, clockDrift [01]\\.\\d\\d, ${FAULT_FAMILIES.map((f) => `${f} [01]\\.\\d\\d`).join(', ')}$`),
  );
  assert.deepEqual(Object.keys(result.beyondPresets!).filter((k) => k.startsWith('network.')), ['network.random'], 'no value-by-value list');
});

test('the severities read back are the ones drawn', () => {
  for (const t of [0, 0.25, 0.5, 0.8, 1]) {
    const network = describeRandomDraws(drawRandomConfig(networkPreset('default'), networkPreset('hostile'), fixedStream(t)), networkPreset('default'), networkPreset('hostile'));
    for (const [name, value] of network.split(': ')[1].split(', ').map((part) => part.split(' '))) {
      assert.ok(Math.abs(Number(value) - t) <= (name === 'sendBuffer' ? 0.01 : 0.005), `network ${name} ${value} at ${t}`);
    }
    const storage = describeRandomStorageDraws(drawRandomStorageConfig(storagePreset('default'), storagePreset('hostile'), fixedStream(t)), storagePreset('default'), storagePreset('hostile'));
    const parts = storage.split(': ')[1].split(', ').map((part) => part.split(' '));
    assert.deepEqual(parts.map(([name]) => name), ['latency', ...STORAGE_FAULT_FAMILIES, 'capacity']);
    for (const [name, value] of parts) assert.ok(Math.abs(Number(value) - t) <= (name === 'capacity' ? 0.01 : 0.005), `storage ${name} ${value} at ${t}`);
  }
});

test('storage is listed once a disk was used: swarm\'s families off, or a random preset\'s severities', async () => {
  const none = await seedOf({ storage: 'hostile' }, 2, { swarm: true });
  assert.deepEqual(Object.keys(none.beyondPresets!).filter((k) => k.startsWith('storage.')), [], 'no disk, nothing drawn for storage');
  let anyOff = false;
  for (let seed = 1; seed <= 12; seed++) {
    const result = await seedOf({ roles: { node: DiskFailing }, storage: 'hostile' }, seed, { swarm: true });
    assert.equal(result.failure?.detail, 'Error: planted', result.failure?.message);
    const off = STORAGE_FAULT_FAMILIES.filter((f) => result.options[`storage.faults.${f}`] === 'off').map((f) => `storage.faults.${f}`);
    assert.deepEqual(Object.keys(result.beyondPresets!).filter((k) => k.startsWith('storage.')), off, `seed ${seed}`);
    anyOff ||= off.length > 0;
  }
  assert.ok(anyOff);
  const random = await seedOf({ roles: { node: DiskFailing }, storage: 'random' }, 3);
  assert.match(String(random.beyondPresets!['storage.random']), /^severity from 0 \(default\) to 1 \(hostile\): latency [01]\.\d\d, readCorruption /);
});
