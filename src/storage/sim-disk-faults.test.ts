import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORAGE_FAULT_FAMILIES, type StorageFaultFamily } from './storage-config.js';
import { StorageIOError } from './storage-errors.js';
import { storagePreset } from './storage-presets.js';
import { bitCount, bytes, differences, only, withDisk } from './storage.test-support.js';

const pattern = (length: number, salt = 0) => bytes(length, (i) => i * 7 + salt + 1);

test('readCorruption: a read sees one flipped bit; a retry sees the same; the stored bytes stay clean; a rewrite repairs the sector', async () => {
  await withDisk(1, only('readCorruption'), async ({ disk, storage }) => {
    const file = await storage.open('data', { create: true });
    const clean = pattern(4096);
    disk.setFaultsEnabled(false);
    await file.write(0, clean);
    disk.setFaultsEnabled(true);
    const first = await file.read(0, 4096);
    disk.setFaultsEnabled(false);
    const diff = differences(first, clean);
    assert.equal(diff.length, 1, 'one byte differs');
    assert.equal(bitCount(first[diff[0]] ^ clean[diff[0]]), 1, 'by one bit');
    assert.deepEqual(await file.read(0, 4096), first, 'a retry sees the same corruption');
    const sector = Math.floor(diff[0] / 512) * 512;
    const others = sector === 0 ? [512, 4096] : [0, sector];
    assert.deepEqual(await file.read(others[0], others[1] - others[0]), clean.subarray(others[0], others[1]), 'other sectors read clean');
    // Rewrite one byte of the sector: the rest of it comes back as it was stored, clean.
    const fixed = clean.slice();
    fixed[sector] ^= 0xff;
    await file.write(sector, fixed.subarray(sector, sector + 1));
    assert.deepEqual(await file.read(0, 4096), fixed, 'the rewrite repaired the sector');
    assert.equal(disk.faultCounts().readCorruption, 1);
  });
});

test('writeCorruption: the stored bytes get one flipped bit inside the write, which sync makes durable', async () => {
  await withDisk(2, only('writeCorruption'), async ({ disk, storage }) => {
    const file = await storage.open('data', { create: true });
    disk.setFaultsEnabled(false);
    await file.write(0, pattern(8192, 3));
    disk.setFaultsEnabled(true);
    const written = pattern(3000, 9);
    await file.write(1000, written);
    disk.setFaultsEnabled(false);
    const expected = pattern(8192, 3);
    expected.set(written, 1000);
    const seen = await file.read(0, 8192);
    const diff = differences(seen, expected);
    assert.equal(diff.length, 1);
    assert.ok(diff[0] >= 1000 && diff[0] < 4000, `the flip at ${diff[0]} is inside the write`);
    assert.equal(bitCount(seen[diff[0]] ^ expected[diff[0]]), 1);
    await file.sync();
    disk.crash();
    const again = await storage.open('data');
    assert.deepEqual(await again.read(0, 8192), seen, 'the corruption is stored: it survives a crash once synced');
    assert.equal(disk.faultCounts().writeCorruption, 1);
  });
});

test('misdirectedWrite: the bytes land a whole number of sectors away; the intended place keeps its old bytes', async () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    await withDisk(seed, only('misdirectedWrite'), async ({ disk, storage }) => {
      const file = await storage.open('data', { create: true });
      disk.setFaultsEnabled(false);
      await file.write(0, new Uint8Array(8 * 512).fill(0xaa));
      disk.setFaultsEnabled(true);
      await file.write(1024 + 100, new Uint8Array(200).fill(0x55));
      disk.setFaultsEnabled(false);
      const size = await file.size();
      const seen = await file.read(0, size);
      assert.ok(seen.subarray(1024, 1536).every((b) => b === 0xaa), 'the intended sector is untouched');
      const landed = seen.indexOf(0x55);
      assert.ok(landed >= 0, 'the bytes landed somewhere');
      assert.ok((landed - 1124) % 512 === 0 && landed !== 1124, `landed at ${landed}: a whole number of sectors away`);
      assert.ok(seen.subarray(landed, landed + 200).every((b) => b === 0x55));
      assert.equal(disk.faultCounts().misdirectedWrite, 1);
    });
  }
});

test('lostWrite: the write reports success and is never stored', async () => {
  await withDisk(3, only('lostWrite'), async ({ disk, storage }) => {
    const file = await storage.open('data', { create: true });
    disk.setFaultsEnabled(false);
    await file.write(0, pattern(1000));
    disk.setFaultsEnabled(true);
    await file.write(500, new Uint8Array(2000).fill(1));
    assert.equal(await file.size(), 1000, 'the size did not move either');
    assert.deepEqual(await file.read(0, 5000), pattern(1000));
    assert.equal(disk.faultCounts().lostWrite, 1);
  });
});

test('syncFailure: sync and syncDirectory reject with StorageIOError and nothing becomes durable', async () => {
  await withDisk(4, only('syncFailure'), async ({ disk, storage }) => {
    const file = await storage.open('data', { create: true });
    await file.write(0, pattern(2048));
    await assert.rejects(file.sync(), (e: unknown) => e instanceof StorageIOError && e.code === 'EIO' && /unsynced/.test(e.message));
    await assert.rejects(storage.syncDirectory(), (e: unknown) => e instanceof StorageIOError && /directory changes stay unsynced/.test(e.message));
    assert.equal(disk.faultCounts().syncFailure, 2);
    const fates: number[] = [];
    disk.onCrashSector = (_file, sector) => fates.push(sector);
    disk.crash();
    assert.equal(disk.crashStats().filesHit + disk.crashStats().directoryChangesUndone > 0, true);
    // The file's creation was never made durable: either it vanished or its 4 sectors were drawn for.
    if (await storage.exists('data')) assert.deepEqual(fates, [0, 1, 2, 3]);
  });
});

test('stall: the operation takes durationMs more; latency follows latencyMs', async () => {
  await withDisk(5, only('stall', 1, { min: 100, max: 100 }), async ({ world, disk, storage }) => {
    const took = (ms: number, t: number, what: string) => assert.ok(Math.abs(world.nowMs - t - ms) < 1e-9, `${what} took ${world.nowMs - t} ms, expected ${ms}`);
    let t = world.nowMs;
    const file = await storage.open('data', { create: true });
    took(100.01, t, 'create: write latency + stall');
    t = world.nowMs;
    await file.write(0, pattern(10));
    took(100.01, t, 'write');
    t = world.nowMs;
    await file.sync();
    took(100.05, t, 'sync');
    disk.setFaultsEnabled(false);
    t = world.nowMs;
    await file.read(0, 10);
    took(0.01, t, 'a read with faults off: no stall');
    assert.equal(disk.faultCounts().stall, 3);
  });
  await withDisk(6, 'default', async ({ world, disk, storage }) => {
    disk.setFaultsEnabled(false);
    const file = await storage.open('data', { create: true });
    for (let i = 0; i < 200; i++) {
      const t = world.nowMs;
      await file.sync();
      const ms = world.nowMs - t;
      assert.ok((ms >= 0.2 && ms <= 1) || (ms >= 5 && ms <= 20), `sync took ${ms} ms`);
    }
  });
});

test('every family fires under hostile; none under perfect nor once faults are off', async () => {
  const run = async (seed: number, preset: 'hostile' | 'perfect', faultsOn: boolean) =>
    withDisk(seed, preset, async ({ disk, storage }) => {
      disk.setFaultsEnabled(faultsOn);
      const file = await storage.open('data', { create: true });
      for (let i = 0; i < 3000; i++) {
        await file.write((i % 64) * 512, pattern(700, i)).catch(() => {});
        await file.read(((i * 13) % 64) * 512, 1024);
        if (i % 10 === 0) await file.sync().catch(() => {});
      }
      const counts = disk.faultCounts();
      assert.deepEqual(Object.keys(counts), [...STORAGE_FAULT_FAMILIES]);
      return counts;
    });
  const totals = Object.fromEntries(STORAGE_FAULT_FAMILIES.map((f) => [f, 0])) as Record<StorageFaultFamily, number>;
  for (const seed of [1, 2, 3]) {
    const counts = await run(seed, 'hostile', true);
    for (const f of STORAGE_FAULT_FAMILIES) totals[f] += counts[f];
  }
  assert.deepEqual(STORAGE_FAULT_FAMILIES.filter((f) => totals[f] === 0), [], JSON.stringify(totals));
  for (const [preset, on] of [['perfect', true], ['hostile', false]] as const) {
    const counts = await run(1, preset, on);
    assert.deepEqual(STORAGE_FAULT_FAMILIES.filter((f) => counts[f] > 0), [], `${preset}, faults ${on ? 'on' : 'off'}`);
  }
});

test('capacityBytes: a write that needs more pages than are free fails with ENOSPC and changes nothing', async () => {
  const config = storagePreset('perfect');
  config.capacityBytes = 3 * 4096;
  await withDisk(7, config, async ({ disk, storage }) => {
    const a = await storage.open('a', { create: true });
    await a.write(0, new Uint8Array(2 * 4096).fill(1));
    const b = await storage.open('b', { create: true });
    await b.write(100, new Uint8Array(10).fill(2));
    assert.equal(disk.usedBytes(), 3 * 4096);
    await assert.rejects(b.write(4096, new Uint8Array(1)), (e: unknown) => e instanceof StorageIOError && e.code === 'ENOSPC');
    assert.equal(await b.size(), 110, 'nothing written');
    await b.write(0, new Uint8Array(4096).fill(3)); // an allocated page: no new space
    await b.truncate(50_000); // sparse: no new space
    await a.close();
    await storage.delete('a');
    assert.equal(disk.usedBytes(), 4096, 'a closed, deleted file frees its pages');
    await b.write(4096, new Uint8Array(8192).fill(4));
    assert.equal(disk.usedBytes(), 3 * 4096);
    await b.truncate(4096);
    assert.equal(disk.usedBytes(), 4096, 'a cut frees the pages past the end');
  });
});

test('describe() flattens the concrete config for failure reports', async () => {
  await withDisk(8, 'hostile', async ({ disk }) => {
    const d = disk.describe();
    assert.equal(d['storage.preset'], 'hostile');
    assert.equal(d['storage.swarm'], false);
    assert.equal(d['storage.faults.lostWrite'], 'on p=0.0005');
    assert.equal(d['storage.faults.stall'], 'on p=0.01 durationMs 10..500');
    assert.match(String(d['storage.latencyMs.sync']), /^bimodal fast 2\.\.10 slow 50\.\.200/);
    assert.equal(d['storage.capacityBytes'], 2 ** 28);
  });
});
