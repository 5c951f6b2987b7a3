import { PAGE_SIZE, SECTOR_SIZE, SECTORS_PER_PAGE, FULL_PAGE_MASK, sectorMask } from './disk-geometry.js';

/** The disk's used space, in pages of the live images of the files it holds, and pages no
 * image holds any more, kept for reuse: a write after a sync needs a private copy of its page,
 * and reusing the page the sync retired saves allocating (and zeroing) a new one. */
export interface SpaceAccount {
  pages: number;
  spare: Uint8Array[];
}

const SPARE_PAGES_MAX = 64;

/**
 * One file of a SimDisk (an inode: handles point at it, names point at it). Two sparse images,
 * maps of 4 KiB pages where a missing page reads as zeros:
 * - `live`: what reads see, every write at once;
 * - `durable`: what a crash falls back to, as of the last sync().
 * A page nobody wrote since the last sync is the same object in both (copy on write), so a
 * synced file costs its size once. `dirty` lists, per page, the sectors changed since the last
 * sync: exactly where live and durable may differ (the crash model draws only for those).
 * Bytes past `size` are always zero in live pages, past `durableSize` in durable ones.
 */
export class DiskFile {
  live = new Map<number, Uint8Array>();
  size = 0;
  durable = new Map<number, Uint8Array>();
  durableSize = 0;
  /** Page index → mask of its sectors written (or cut) since the last sync. */
  dirty = new Map<number, number>();
  /** The smallest size since the last sync: a cut below durableSize may or may not survive a crash. */
  sizeMin = 0;
  /** Latent read errors: sector index → the bit of that sector (0..4095) that reads see flipped.
   * The stored bytes stay clean; a write over the sector repairs it. */
  readFaults: Map<number, number> | undefined = undefined;
  /** The name in the live directory; undefined once deleted (or replaced by a rename). */
  name: string | undefined = undefined;
  /** Open handles. */
  handles = 0;
  /** Neither named nor open: its pages left the space account and it can change no more. */
  released = false;

  constructor(private readonly space: SpaceAccount) {}

  /** Whether sync() has anything to do. */
  get unsynced(): boolean {
    return this.dirty.size > 0 || this.size !== this.durableSize || this.sizeMin !== this.durableSize;
  }

  /** Up to `length` bytes from `offset` (fewer at the end of the file), with latent read errors
   * applied to the copy. */
  read(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const p = Math.floor(offset / PAGE_SIZE);
    const start = offset - p * PAGE_SIZE;
    let out: Uint8Array;
    if (start + n <= PAGE_SIZE) {
      // Within one page: the common case, one copy.
      const page = this.live.get(p);
      out = page === undefined ? new Uint8Array(n) : page.slice(start, start + n);
    } else {
      out = new Uint8Array(n);
      for (let done = 0; done < n; ) {
        const at = offset + done;
        const q = Math.floor(at / PAGE_SIZE);
        const from = at - q * PAGE_SIZE;
        const count = Math.min(PAGE_SIZE - from, n - done);
        const page = this.live.get(q);
        if (page !== undefined) out.set(page.subarray(from, from + count), done);
        done += count;
      }
    }
    if (this.readFaults !== undefined && this.readFaults.size > 0) this.applyReadFaults(out, offset);
    return out;
  }

  /** Pages a write of `length` bytes at `offset` would add to the live image. */
  newPages(offset: number, length: number): number {
    if (length === 0) return 0;
    const first = Math.floor(offset / PAGE_SIZE);
    const last = Math.floor((offset + length - 1) / PAGE_SIZE);
    let missing = 0;
    for (let p = first; p <= last; p++) if (!this.live.has(p)) missing++;
    return missing;
  }

  /** Stores `bytes` at `offset` in the live image (zeros fill any gap). A zero-length write
   * changes nothing. Repairs latent read errors of the sectors it covers. */
  write(offset: number, bytes: Uint8Array): void {
    const length = bytes.length;
    if (length === 0) return;
    const end = offset + length;
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const p = Math.floor(at / PAGE_SIZE);
      const from = at - p * PAGE_SIZE;
      const count = Math.min(PAGE_SIZE - from, length - done);
      this.writablePage(p, count === PAGE_SIZE).set(count === length ? bytes : bytes.subarray(done, done + count), from);
      this.markDirty(p, from, from + count);
      done += count;
    }
    if (end > this.size) this.size = end;
    if (this.readFaults !== undefined && this.readFaults.size > 0) this.repairSectors(offset, end);
  }

  /** Flips one bit of the live image (a write corruption): `byte` must be below size. */
  flipBit(byte: number, bit: number): void {
    const p = Math.floor(byte / PAGE_SIZE);
    const from = byte - p * PAGE_SIZE;
    this.writablePage(p, false)[from] ^= 1 << bit;
    this.markDirty(p, from, from + 1);
  }

  /** Cuts or zero-extends the live image. Extending is sparse (no pages); cutting drops the
   * pages past the end, zeroes the tail of the last one, and marks every sector whose bytes
   * changed as dirty (the crash model may bring the old bytes back). */
  truncate(newSize: number): void {
    if (newSize < this.size) {
      const firstSector = Math.floor(newSize / SECTOR_SIZE);
      const firstPage = Math.floor(firstSector / SECTORS_PER_PAGE);
      const keepPages = Math.ceil(newSize / PAGE_SIZE);
      // Sectors from the cut on that either image holds bytes for.
      const touched = new Set<number>();
      for (const p of this.live.keys()) if (p >= firstPage) touched.add(p);
      for (const p of this.durable.keys()) if (p >= firstPage) touched.add(p);
      for (const p of touched) {
        const lo = p === firstPage ? firstSector - p * SECTORS_PER_PAGE : 0;
        this.dirty.set(p, (this.dirty.get(p) ?? 0) | sectorMask(lo, SECTORS_PER_PAGE - 1));
        if (p >= keepPages && this.live.delete(p) && !this.released) this.space.pages--;
      }
      const tail = newSize - (keepPages - 1) * PAGE_SIZE;
      if (tail < PAGE_SIZE && tail > 0 && this.live.has(keepPages - 1)) this.writablePage(keepPages - 1, false).fill(0, tail);
      if (this.readFaults !== undefined) for (const sector of this.readFaults.keys()) if (sector >= firstSector) this.readFaults.delete(sector);
      if (newSize < this.sizeMin) this.sizeMin = newSize;
    }
    this.size = newSize;
  }

  /** Makes the live image durable. */
  sync(): void {
    const spare = this.space.spare;
    for (const p of this.dirty.keys()) {
      const page = this.live.get(p);
      const retired = this.durable.get(p);
      // Only the durable image held it (a page is never shared across files).
      if (retired !== undefined && retired !== page && spare.length < SPARE_PAGES_MAX) spare.push(retired);
      if (page === undefined) this.durable.delete(p);
      else this.durable.set(p, page);
    }
    this.dirty.clear();
    this.durableSize = this.size;
    this.sizeMin = this.size;
  }

  /** Replaces both images with `image` of `size` bytes (after a crash): nothing is unsynced. */
  settle(image: Map<number, Uint8Array>, size: number): void {
    this.live = image;
    this.durable = new Map(image);
    this.size = this.durableSize = this.sizeMin = size;
    this.dirty.clear();
    if (this.readFaults !== undefined) {
      for (const sector of this.readFaults.keys()) if (sector * SECTOR_SIZE >= size) this.readFaults.delete(sector);
    }
  }

  /** Records a latent read error on the sector holding `byte`, seen as `bit` of that byte flipped. */
  addReadFault(byte: number, bit: number): void {
    const sector = Math.floor(byte / SECTOR_SIZE);
    this.readFaults ??= new Map();
    this.readFaults.set(sector, (byte - sector * SECTOR_SIZE) * 8 + bit);
  }

  /** A page of the live image this file may change: allocated when missing, copied when it is
   * still shared with the durable image (not its bytes when the caller overwrites it all). */
  private writablePage(p: number, overwritten: boolean): Uint8Array {
    const page = this.live.get(p);
    if (page === undefined) {
      const fresh = new Uint8Array(PAGE_SIZE);
      this.live.set(p, fresh);
      if (!this.released) this.space.pages++;
      return fresh;
    }
    if (page !== this.durable.get(p)) return page;
    const copy = this.space.spare.pop() ?? new Uint8Array(PAGE_SIZE);
    if (!overwritten) copy.set(page);
    this.live.set(p, copy);
    return copy;
  }

  /** Marks the sectors of page `p` holding bytes `from..to` (in-page, `to` excluded) dirty. */
  private markDirty(p: number, from: number, to: number): void {
    const mask = from === 0 && to === PAGE_SIZE ? FULL_PAGE_MASK : sectorMask(Math.floor(from / SECTOR_SIZE), Math.floor((to - 1) / SECTOR_SIZE));
    this.dirty.set(p, (this.dirty.get(p) ?? 0) | mask);
  }

  private applyReadFaults(out: Uint8Array, offset: number): void {
    for (const [sector, bit] of this.readFaults as Map<number, number>) {
      const at = sector * SECTOR_SIZE + (bit >> 3) - offset;
      if (at >= 0 && at < out.length) out[at] ^= 1 << (bit & 7);
    }
  }

  private repairSectors(from: number, to: number): void {
    const faults = this.readFaults as Map<number, number>;
    const first = Math.floor(from / SECTOR_SIZE);
    const last = Math.floor((to - 1) / SECTOR_SIZE);
    if (last - first < faults.size) {
      for (let s = first; s <= last; s++) faults.delete(s);
    } else {
      for (const s of faults.keys()) if (s >= first && s <= last) faults.delete(s);
    }
  }

  /** Takes the file out of the space account once it is neither named nor open. */
  releaseIfUnused(): void {
    if (this.released || this.name !== undefined || this.handles > 0) return;
    this.released = true;
    this.space.pages -= this.live.size;
  }
}
