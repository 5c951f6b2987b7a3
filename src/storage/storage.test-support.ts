// Shared helpers of the storage tests: a disk and a provider in a fresh world.
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { SimDisk } from './sim-disk.js';
import { SimStorageProvider } from './sim-storage-provider.js';
import type { StorageConfig, StorageFaultFamily } from './storage-config.js';
import { storagePreset } from './storage-presets.js';

export interface DiskRig {
  world: SimWorld;
  disk: SimDisk;
  storage: SimStorageProvider;
}

/** Runs `body` as the main task of a world with one disk (its own stream: `user`). */
export async function withDisk<T>(seed: number, config: StorageConfig | 'perfect' | 'default' | 'hostile', body: (rig: DiskRig) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await runInWorld({ seed }, async (world) => {
    const disk = new SimDisk(world, typeof config === 'string' ? storagePreset(config) : config, world.rng.user);
    result = await body({ world, disk, storage: new SimStorageProvider(world, disk) });
  });
  return result as T;
}

/** `perfect` with one family on at `probability`. */
export function only(family: StorageFaultFamily, probability = 1, durationMs = { min: 0, max: 0 }): StorageConfig {
  const config = storagePreset('perfect');
  config.faults[family] = { enabled: true, probability, durationMs };
  return config;
}

export function bytes(length: number, fill: (i: number) => number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => fill(i) & 0xff);
}

/** Indexes where two arrays of one length differ. */
export function differences(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/** The number of bits set in a byte. */
export function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** The shapes of a torn sector that `seen` matches, among: the new bytes before a split point k
 * in [1, 511] ('new-first') or from k on ('new-last'), and on the other side the old bytes
 * ('old') or garbage ('garbage': any byte where old and new differ, the old byte elsewhere).
 * All three arrays are one sector long. */
export function tornShapes(seen: Uint8Array, old: Uint8Array, fresh: Uint8Array): string[] {
  const n = seen.length;
  const shapes: string[] = [];
  const check = (newFirst: boolean) => {
    // Walk from the new side's edge: P bytes match the new ones; the other side must start at k <= P.
    const at = (j: number) => (newFirst ? j : n - 1 - j);
    let p = 0;
    while (p < n && seen[at(p)] === fresh[at(p)]) p++;
    // The other side, walked from the far edge: how far it stays old (q), and where a byte that
    // old and new agree on was changed (which garbage may not do).
    let q = 0;
    while (q < n && seen[at(n - 1 - q)] === old[at(n - 1 - q)]) q++;
    let g = 0;
    for (let j = 0; j < n; j++) if (old[at(j)] === fresh[at(j)] && seen[at(j)] !== old[at(j)]) g = j + 1;
    const kMax = Math.min(p, n - 1);
    const side = newFirst ? 'new-first' : 'new-last';
    if (Math.max(1, n - q) <= kMax) shapes.push(`${side} old`);
    if (Math.max(1, g) <= kMax) shapes.push(`${side} garbage`);
  };
  check(true);
  check(false);
  return shapes;
}
