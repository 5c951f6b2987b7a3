// The storage contract (src/providers/storage-contract.test-support.ts) against the simulated
// disk with the `perfect` preset, each test inside a world of its own.
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { storageContract } from '../providers/storage-contract.test-support.js';
import { SimDisk } from './sim-disk.js';
import { SimStorageProvider } from './sim-storage-provider.js';
import { storagePreset } from './storage-presets.js';

let world: SimWorld | undefined;

storageContract(
  'sim storage contract',
  async () => {
    const disk = new SimDisk(world!, storagePreset('perfect'), world!.rng.storage);
    const provider = new SimStorageProvider(world!, disk);
    return { provider, cleanup: async () => provider.invalidate() };
  },
  {
    around: async (body) => {
      await runInWorld({ seed: 1 }, async (running) => {
        world = running;
        try {
          await body();
        } finally {
          world = undefined;
        }
      });
    },
  },
);
