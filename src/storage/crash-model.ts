// What a file holds after a crash (power loss, kernel panic): FoundationDB's AsyncFileNonDurable
// kill, per 512-byte sector. A synced byte always survives. Each unsynced sector is
// - KEPT: its new bytes reached the medium;
// - LOST: the medium still holds its old (durable) bytes;
// - TORN: the write stopped inside the sector: the new bytes on one side of a split point and,
//   on the other side, the old bytes or garbage (what a half-programmed sector returns). Garbage
//   lands only on bytes the unsynced writes changed (old and new differ), so a synced byte that
//   was never changed (even one sharing a sector with a write) always survives.
// A file is either all KEPT (the OS flushed everything, 1/4), all LOST (nothing was flushed,
// 1/4), or mixed (1/2): each sector independently KEPT, LOST or TORN with 1/3 each.
//
// The size after a crash: all KEPT, the size at the crash; all LOST, the durable size; mixed,
// start from the durable size (or, with 1/2, from the smallest size an unsynced truncate cut the
// file to) and extend to the end of the furthest KEPT or TORN sector, never past the size at the
// crash. So an append whose sectors were lost leaves no trailing garbage, a lost sector between
// kept ones reads as its old bytes (zeros past the old end), and a lost truncate brings the
// old tail back.
import type { RngStream } from '../core/rng.js';
import { PAGE_SIZE, SECTOR_SIZE, SECTORS_PER_PAGE } from './disk-geometry.js';
import type { DiskFile } from './disk-file.js';

export type SectorOutcome = 'kept' | 'lost' | 'torn';

/** What crashes did, for reports and sometimes-assertions. */
export interface CrashStats {
  crashes: number;
  /** Files with unsynced data when a crash came. */
  filesHit: number;
  sectorsKept: number;
  sectorsLost: number;
  sectorsTorn: number;
  /** Unsynced directory changes a crash undid. */
  directoryChangesUndone: number;
}

export function emptyCrashStats(): CrashStats {
  return { crashes: 0, filesHit: 0, sectorsKept: 0, sectorsLost: 0, sectorsTorn: 0, directoryChangesUndone: 0 };
}

/** Observes each unsynced sector's outcome, with the file's path after the crash (tests use it
 * to check the model exactly; a trace could record it). */
export type CrashObserver = (path: string, sector: number, outcome: SectorOutcome) => void;

/** Applies a crash to one file: its live and durable images become the crash image. Draws
 * only for files with something unsynced, sectors in ascending order. */
export function crashFile(file: DiskFile, rng: RngStream, stats: CrashStats, observe?: CrashObserver): void {
  if (!file.unsynced) return;
  stats.filesHit++;
  const mode = rng.int(0, 3);
  if (mode === 0) return keepAll(file, stats, observe);
  if (mode === 1) return loseAll(file, stats, observe);
  const base = file.sizeMin < file.durableSize && rng.bool(0.5) ? file.sizeMin : file.durableSize;
  const image = new Map(file.durable);
  let end = 0;
  for (const p of [...file.dirty.keys()].sort((a, b) => a - b)) {
    const mask = file.dirty.get(p) as number;
    const fresh = file.live.get(p);
    let out: Uint8Array | undefined;
    for (let s = 0; s < SECTORS_PER_PAGE; s++) {
      if ((mask & (1 << s)) === 0) continue;
      const sector = p * SECTORS_PER_PAGE + s;
      const pick = rng.int(0, 2);
      const outcome: SectorOutcome = pick === 0 ? 'kept' : pick === 1 ? 'lost' : 'torn';
      observe?.(file.name ?? '', sector, outcome);
      if (outcome === 'lost') {
        stats.sectorsLost++;
        continue;
      }
      out ??= copyOf(file.durable.get(p));
      const from = s * SECTOR_SIZE;
      if (outcome === 'kept') {
        stats.sectorsKept++;
        writeSector(out, fresh, from, 0, SECTOR_SIZE);
      } else {
        stats.sectorsTorn++;
        tearSector(out, fresh, from, rng);
      }
      end = (sector + 1) * SECTOR_SIZE;
    }
    if (out !== undefined) image.set(p, out);
  }
  file.settle(cut(image, Math.max(base, Math.min(file.size, end))), Math.max(base, Math.min(file.size, end)));
}

function keepAll(file: DiskFile, stats: CrashStats, observe?: CrashObserver): void {
  forEachDirtySector(file, (sector) => {
    stats.sectorsKept++;
    observe?.(file.name ?? '', sector, 'kept');
  });
  file.settle(file.live, file.size);
}

function loseAll(file: DiskFile, stats: CrashStats, observe?: CrashObserver): void {
  forEachDirtySector(file, (sector) => {
    stats.sectorsLost++;
    observe?.(file.name ?? '', sector, 'lost');
  });
  file.settle(new Map(file.durable), file.durableSize);
}

function forEachDirtySector(file: DiskFile, each: (sector: number) => void): void {
  for (const p of [...file.dirty.keys()].sort((a, b) => a - b)) {
    const mask = file.dirty.get(p) as number;
    for (let s = 0; s < SECTORS_PER_PAGE; s++) if ((mask & (1 << s)) !== 0) each(p * SECTORS_PER_PAGE + s);
  }
}

/** A TORN sector at `from` in `out` (which holds its old bytes): a split point k in
 * [1, SECTOR_SIZE - 1]; the new bytes before k (the write stopped short) or from k on (it began
 * late), each 1/2; the other side keeps its old bytes or, with 1/2, holds garbage wherever its
 * old and new bytes differ. */
export function tearSector(out: Uint8Array, fresh: Uint8Array | undefined, from: number, rng: RngStream): void {
  const k = rng.int(1, SECTOR_SIZE - 1);
  const newFirst = rng.bool(0.5);
  const garbage = rng.bool(0.5);
  const [newLo, newHi] = newFirst ? [0, k] : [k, SECTOR_SIZE];
  writeSector(out, fresh, from, newLo, newHi);
  if (!garbage) return;
  const [badLo, badHi] = newFirst ? [k, SECTOR_SIZE] : [0, k];
  // One draw seeds the garbage: a sector's worth of draws would flood the stream and the trace.
  let state = rng.int(1, 0xffffffff) | 0;
  for (let i = from + badLo; i < from + badHi; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    if (out[i] !== (fresh === undefined ? 0 : fresh[i])) out[i] = state & 0xff;
  }
}

/** Copies bytes `lo..hi` of the sector at `from` from the live page (zeros when it has none). */
function writeSector(out: Uint8Array, fresh: Uint8Array | undefined, from: number, lo: number, hi: number): void {
  if (fresh === undefined) out.fill(0, from + lo, from + hi);
  else out.set(fresh.subarray(from + lo, from + hi), from + lo);
}

function copyOf(page: Uint8Array | undefined): Uint8Array {
  return page === undefined ? new Uint8Array(PAGE_SIZE) : page.slice();
}

/** The image cut to `size` bytes: pages past it dropped, the tail of the last one zeroed. */
function cut(image: Map<number, Uint8Array>, size: number): Map<number, Uint8Array> {
  const keepPages = Math.ceil(size / PAGE_SIZE);
  for (const p of image.keys()) if (p >= keepPages) image.delete(p);
  const tail = size - (keepPages - 1) * PAGE_SIZE;
  const last = image.get(keepPages - 1);
  if (last !== undefined && tail > 0 && tail < PAGE_SIZE && last.subarray(tail).some((b) => b !== 0)) {
    // Zero a copy: a page shared between images is never changed in place.
    const copy = last.slice();
    copy.fill(0, tail);
    image.set(keepPages - 1, copy);
  }
  return image;
}
