import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SectorOutcome } from './crash-model.js';
import type { SimStorageFile } from './sim-storage-file.js';
import { FileExistsError, FileNotFoundError, StorageIOError } from './storage-errors.js';
import { storagePreset } from './storage-presets.js';
import { FILE_BYTES_MAX } from './storage-provider.js';
import { tornShapes, withDisk } from './storage.test-support.js';

const SECTOR = 512;

// ---- (a) no crash: reads return what was last written, names behave -------------------------

/** A file as the reference model sees it: sparse bytes (offsets reach 4 GiB) and a size. */
class SparseModel {
  bytes = new Map<number, number>();
  size = 0;
  write(offset: number, data: Uint8Array): void {
    if (data.length === 0) return;
    data.forEach((b, i) => this.bytes.set(offset + i, b));
    this.size = Math.max(this.size, offset + data.length);
  }
  truncate(size: number): void {
    for (const i of this.bytes.keys()) if (i >= size) this.bytes.delete(i);
    this.size = size;
  }
  read(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.size - offset));
    return Uint8Array.from({ length: n }, (_, i) => this.bytes.get(offset + i) ?? 0);
  }
}

const NAMES = ['a', 'b', 'c', 'dir/d'];
const offsetArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20_000 }) },
  // Near the 4 GiB limit: sparse pages far away.
  { weight: 1, arbitrary: fc.integer({ min: FILE_BYTES_MAX - 30_000, max: FILE_BYTES_MAX - 5_000 }) },
);
const file = fc.nat(7);
const name = fc.constantFrom(...NAMES);
const opArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), name }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), file, offset: offsetArb, data: fc.uint8Array({ maxLength: 3000 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('read' as const), file, offset: offsetArb, length: fc.nat(5000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('readByName' as const), name, offset: offsetArb, length: fc.nat(5000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), file, size: offsetArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), file }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: name, to: name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('list' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('syncDirectory' as const) }) },
);

test('property (a): with no crash, every read returns what was last written, whatever the latencies, stalls and failed syncs', async () => {
  // The families that never change data, on and likely; real latencies.
  const config = storagePreset('default');
  for (const family of ['readCorruption', 'writeCorruption', 'misdirectedWrite', 'lostWrite'] as const) config.faults[family].enabled = false;
  config.faults.syncFailure.probability = 0.3;
  config.faults.stall.probability = 0.2;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), fc.array(opArb, { maxLength: 40 }), async (seed, ops) => {
      await withDisk(seed, config, async ({ storage }) => {
        const names = new Map<string, number>();
        const models: SparseModel[] = [];
        const handles: SimStorageFile[] = [];
        const pick = (i: number) => (models.length === 0 ? undefined : i % models.length);
        for (const op of ops) {
          switch (op.kind) {
            case 'create':
              if (names.has(op.name)) {
                await assert.rejects(storage.open(op.name, { create: true, exclusive: true }), FileExistsError);
              } else {
                handles.push(await storage.open(op.name, { create: true, exclusive: true }));
                names.set(op.name, models.length);
                models.push(new SparseModel());
              }
              break;
            case 'write': {
              const f = pick(op.file);
              if (f === undefined) break;
              await handles[f].write(op.offset, op.data);
              models[f].write(op.offset, op.data);
              break;
            }
            case 'read': {
              const f = pick(op.file);
              if (f === undefined) break;
              assert.deepEqual(await handles[f].read(op.offset, op.length), models[f].read(op.offset, op.length));
              assert.equal(await handles[f].size(), models[f].size);
              break;
            }
            case 'readByName': {
              const f = names.get(op.name);
              if (f === undefined) await assert.rejects(storage.open(op.name), FileNotFoundError);
              else {
                const h = await storage.open(op.name);
                assert.deepEqual(await h.read(op.offset, op.length), models[f].read(op.offset, op.length));
                await h.close();
              }
              break;
            }
            case 'truncate': {
              const f = pick(op.file);
              if (f === undefined) break;
              await handles[f].truncate(op.size);
              models[f].truncate(op.size);
              break;
            }
            case 'sync': {
              const f = pick(op.file);
              if (f !== undefined) await handles[f].sync().catch((e: unknown) => assert.ok(e instanceof StorageIOError));
              break;
            }
            case 'rename': {
              const f = names.get(op.from);
              if (f === undefined) await assert.rejects(storage.rename(op.from, op.to), FileNotFoundError);
              else {
                await storage.rename(op.from, op.to);
                names.delete(op.from);
                names.set(op.to, f);
              }
              break;
            }
            case 'delete':
              if (!names.has(op.name)) await assert.rejects(storage.delete(op.name), FileNotFoundError);
              else {
                await storage.delete(op.name);
                names.delete(op.name);
              }
              break;
            case 'list':
              assert.deepEqual(await storage.list(), [...names.keys()].sort());
              assert.deepEqual(await storage.list('dir/'), [...names.keys()].filter((n) => n.startsWith('dir/')));
              for (const n of NAMES) assert.equal(await storage.exists(n), names.has(n));
              break;
            case 'syncDirectory':
              await storage.syncDirectory().catch((e: unknown) => assert.ok(e instanceof StorageIOError));
              break;
          }
        }
      });
    }),
    { numRuns: 120 },
  );
});

// ---- (c) faults off, no crash: a plain byte array -------------------------------------------

const denseOffset = fc.integer({ min: 0, max: 40_000 });
const denseOp = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), offset: denseOffset, data: fc.uint8Array({ maxLength: 9000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), offset: denseOffset, length: fc.nat(12_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), size: denseOffset }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const) }) },
);

/** A growable byte array: the whole reference model of (c). */
class ByteArray {
  bytes = new Uint8Array(0);
  resize(size: number): void {
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, Math.min(size, this.bytes.length)));
    this.bytes = next;
  }
}

test('property (c): with faults off and no crash, a file is a plain byte array', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom('perfect', 'hostile'), fc.array(denseOp, { maxLength: 40 }), async (seed, preset, ops) => {
      await withDisk(seed, preset, async ({ disk, storage }) => {
        disk.setFaultsEnabled(false);
        const file = await storage.open('f', { create: true });
        const model = new ByteArray();
        for (const op of ops) {
          if (op.kind === 'write') {
            await file.write(op.offset, op.data);
            if (op.data.length === 0) continue; // POSIX: an empty write changes nothing, not even the size
            if (op.offset + op.data.length > model.bytes.length) model.resize(op.offset + op.data.length);
            model.bytes.set(op.data, op.offset);
          } else if (op.kind === 'read') {
            assert.deepEqual(await file.read(op.offset, op.length), model.bytes.slice(op.offset, op.offset + op.length));
          } else if (op.kind === 'truncate') {
            await file.truncate(op.size);
            model.resize(op.size);
          } else await file.sync();
        }
        assert.equal(await file.size(), model.bytes.length);
        assert.deepEqual(await file.read(0, model.bytes.length), model.bytes);
        assert.deepEqual(disk.faultCounts(), { readCorruption: 0, writeCorruption: 0, misdirectedWrite: 0, lostWrite: 0, syncFailure: 0, stall: 0 });
      });
    }),
    { numRuns: 120 },
  );
});

// ---- (b) after a crash: synced bytes survive, unsynced sectors are old, new or torn ---------

const crashOp = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), file: fc.nat(1), offset: fc.integer({ min: 0, max: 12_000 }), data: fc.uint8Array({ minLength: 1, maxLength: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(1), size: fc.integer({ min: 0, max: 14_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), file: fc.nat(1) }) },
);

/** One file of (b): its bytes as last synced (`old`), as of now (`fresh`), and the smallest
 * size since the last sync. */
interface CrashModel {
  old: Uint8Array;
  fresh: Uint8Array;
  sizeMin: number;
}

const resized = (bytes: Uint8Array, size: number) => {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, Math.min(size, bytes.length)));
  return out;
};
/** Bytes `from..to` of `bytes`, zeros past its end. */
const window = (bytes: Uint8Array, from: number, to: number) => resized(bytes.subarray(from, to), to - from);

test('property (b): after a crash every synced byte survives and every unsynced sector is old, new or torn, nothing else', async () => {
  const tally: Record<SectorOutcome, number> = { kept: 0, lost: 0, torn: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.array(fc.array(crashOp, { maxLength: 25 }), { minLength: 1, maxLength: 3 }),
      async (seed, rounds) => {
        // Some syncs fail: what they should have made durable stays unsynced.
        const config = storagePreset('perfect');
        config.faults.syncFailure = { enabled: true, probability: 0.3, durationMs: { min: 0, max: 0 } };
        await withDisk(seed, config, async ({ disk, storage }) => {
          const paths = ['x', 'y'];
          const models: CrashModel[] = paths.map(() => ({ old: new Uint8Array(0), fresh: new Uint8Array(0), sizeMin: 0 }));
          for (const path of paths) await (await storage.open(path, { create: true })).close();
          while ((await storage.syncDirectory().then(() => true, () => false)) === false);
          for (const ops of rounds) {
            const handles = await Promise.all(paths.map((p) => storage.open(p)));
            for (const op of ops) {
              const m = models[op.file];
              if (op.kind === 'write') {
                await handles[op.file].write(op.offset, op.data);
                if (op.offset + op.data.length > m.fresh.length) m.fresh = resized(m.fresh, op.offset + op.data.length);
                m.fresh.set(op.data, op.offset);
              } else if (op.kind === 'truncate') {
                await handles[op.file].truncate(op.size);
                m.fresh = resized(m.fresh, op.size);
                m.sizeMin = Math.min(m.sizeMin, op.size);
              } else if (await handles[op.file].sync().then(() => true, () => false)) {
                m.old = m.fresh.slice();
                m.sizeMin = m.fresh.length;
              }
            }
            const outcomes = new Map<string, Map<number, SectorOutcome>>();
            disk.onCrashSector = (path, sector, outcome) => {
              if (!outcomes.has(path)) outcomes.set(path, new Map());
              outcomes.get(path)!.set(sector, outcome);
              tally[outcome]++;
            };
            disk.crash();
            for (let i = 0; i < paths.length; i++) {
              const m = models[i];
              const seen = await (async () => {
                const h = await storage.open(paths[i]);
                return h.read(0, await h.size());
              })();
              const fates = outcomes.get(paths[i]) ?? new Map<number, SectorOutcome>();
              checkCrashImage(seen, m, fates, `round of ${ops.length} ops, file ${paths[i]}`);
              m.old = seen.slice();
              m.fresh = seen.slice();
              m.sizeMin = seen.length;
            }
          }
        });
      },
    ),
    { numRuns: 150 },
  );
  for (const outcome of ['kept', 'lost', 'torn'] as const) assert.ok(tally[outcome] > 100, `only ${tally[outcome]} ${outcome} sectors: the property checked little`);
});

/** The crash model's promise for one file (see crash-model.ts), checked against the reference
 * model and the outcome the disk reported for each unsynced sector. */
function checkCrashImage(seen: Uint8Array, m: CrashModel, fates: Map<number, SectorOutcome>, where: string): void {
  const D = m.old.length;
  const L = m.fresh.length;
  const M = Math.min(m.sizeMin, D);
  const S = seen.length;
  // Sectors where old and new differ must all have been drawn for.
  for (let s = 0; s * SECTOR < Math.max(D, L); s++) {
    const from = s * SECTOR;
    const old = window(m.old, from, from + SECTOR);
    const fresh = window(m.fresh, from, from + SECTOR);
    const fate = fates.get(s);
    if (fate === undefined) assert.deepEqual(old, fresh, `${where}: sector ${s} changed but the crash did not draw for it`);
  }
  // The size rule.
  let end = 0;
  for (const [s, fate] of fates) if (fate !== 'lost') end = Math.max(end, (s + 1) * SECTOR);
  const values = [...fates.values()];
  const allowed = [Math.max(D, Math.min(L, end)), Math.max(M, Math.min(L, end))];
  if (values.every((v) => v === 'kept')) allowed.push(L);
  if (values.every((v) => v === 'lost')) allowed.push(D);
  assert.ok(allowed.includes(S), `${where}: size ${S}, durable ${D}, live ${L}, cut to ${M}, furthest surviving sector ends at ${end}`);
  // Every synced byte nobody changed (or cut) since survives.
  assert.ok(S >= M, `${where}: size ${S} below ${M}`);
  for (let i = 0; i < M; i++) if (m.old[i] === (m.fresh[i] ?? 0)) assert.equal(seen[i], m.old[i], `${where}: synced byte ${i} changed`);
  // Each sector below the size: old, new or torn, as reported.
  for (let s = 0; s * SECTOR < S; s++) {
    const from = s * SECTOR;
    const to = Math.min(S, from + SECTOR);
    const got = window(seen, from, to);
    const old = window(m.old, from, to);
    const fresh = window(m.fresh, from, to);
    const fate = fates.get(s);
    if (fate === undefined || fate === 'lost') assert.deepEqual(got, old, `${where}: sector ${s} (${fate ?? 'clean'}) is not its old bytes`);
    else if (fate === 'kept') assert.deepEqual(got, fresh, `${where}: sector ${s} (kept) is not its new bytes`);
    else assert.ok(tornVisible(got, old, fresh), `${where}: sector ${s} (torn) is not a torn sector`);
  }
}

/** Whether `got`, a torn sector or the part of it below the file's size, has a torn shape
 * (see tornShapes): the hidden tail is padded with the new bytes, then with the old ones. */
function tornVisible(got: Uint8Array, old: Uint8Array, fresh: Uint8Array): boolean {
  const o = window(old, 0, SECTOR);
  const f = window(fresh, 0, SECTOR);
  const pad = (tail: Uint8Array) => {
    const out = tail.slice();
    out.set(got);
    return out;
  };
  return tornShapes(pad(f), o, f).length > 0 || tornShapes(pad(o), o, f).length > 0;
}
