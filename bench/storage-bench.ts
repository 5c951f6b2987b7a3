// Storage rounds per second (write 4 KiB + sync + read, over 256 pages of one file) on a
// `perfect` simulated disk, beside a floor loop doing the same work on a plain Map of
// Uint8Array pages with one event per operation, as the disk takes.
import { runInWorld } from '../src/core/run-world.js';
import { realGlobals } from '../src/core/real-globals.js';
import { SimDisk } from '../src/storage/sim-disk.js';
import { SimStorageProvider } from '../src/storage/sim-storage-provider.js';
import { storagePreset } from '../src/storage/storage-presets.js';
import { FloorLoop } from './floor-loop.js';

const PAGE_BYTES = 4096;
const PAGES = 256;
const DATA = new Uint8Array(PAGE_BYTES).fill(7);

/** Rounds per second on a SimStorageProvider over a `perfect` SimDisk. */
export async function storageOpsPerSec(rounds: number): Promise<number> {
  let perSec = 0;
  await runInWorld({ seed: 1 }, async (world) => {
    const disk = new SimDisk(world, storagePreset('perfect'), world.rng.storage);
    const file = await new SimStorageProvider(world, disk).open('bench', { create: true });
    const startMs = realGlobals.performanceNow();
    for (let i = 0; i < rounds; i++) {
      const offset = (i % PAGES) * PAGE_BYTES;
      await file.write(offset, DATA);
      await file.sync();
      const read = await file.read(offset, PAGE_BYTES);
      if (read.length !== PAGE_BYTES) throw new Error(`storageOpsPerSec: read ${read.length} bytes at ${offset}`);
    }
    perSec = rounds / ((realGlobals.performanceNow() - startMs) / 1000);
  });
  return perSec;
}

/** The same rounds on a Map of pages, each operation one event of a FloorLoop. */
export async function floorStorageOpsPerSec(rounds: number): Promise<number> {
  const loop = new FloorLoop();
  const pages = new Map<number, Uint8Array>();
  const write = async (offset: number, bytes: Uint8Array) => {
    await loop.sleep(0.01);
    let page = pages.get(offset / PAGE_BYTES);
    if (page === undefined) pages.set(offset / PAGE_BYTES, (page = new Uint8Array(PAGE_BYTES)));
    page.set(bytes);
  };
  const sync = () => loop.sleep(0.05);
  const read = async (offset: number, length: number) => {
    await loop.sleep(0.01);
    return (pages.get(offset / PAGE_BYTES) as Uint8Array).slice(0, length);
  };
  const startMs = realGlobals.performanceNow();
  const client = (async () => {
    for (let i = 0; i < rounds; i++) {
      const offset = (i % PAGES) * PAGE_BYTES;
      await write(offset, DATA);
      await sync();
      await read(offset, PAGE_BYTES);
    }
  })();
  await loop.run();
  await client;
  return rounds / ((realGlobals.performanceNow() - startMs) / 1000);
}
