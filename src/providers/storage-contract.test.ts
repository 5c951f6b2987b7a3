import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeStorageProvider } from '../storage/node-storage-provider.js';
import { ESCAPE_PROBE, storageContract, type StorageEnv } from './storage-contract.test-support.js';

/** A fresh root, `<temp>/root`, per test. Cleanup closes every handle, checks that nothing
 * appeared next to the root or at the places the escape attempts aim at, and removes the temp
 * folder whatever happened. */
export async function nodeStorageEnv(): Promise<StorageEnv & { base: string; provider: NodeStorageProvider }> {
  const base = await mkdtemp(join(tmpdir(), 'moonpool-storage-'));
  const provider = new NodeStorageProvider(join(base, 'root'));
  return {
    base,
    provider,
    async cleanup() {
      try {
        await provider.closeAll();
        assert.equal(provider.openFiles, 0);
        assert.deepEqual(await readdir(base), ['root'], `something was created next to the root in ${base}`);
        for (const place of new Set([dirname(base), tmpdir(), '/tmp', '/'])) {
          assert.equal(existsSync(join(place, ESCAPE_PROBE)), false, `an escape attempt created ${join(place, ESCAPE_PROBE)}`);
        }
      } finally {
        await rm(base, { recursive: true, force: true });
      }
    },
  };
}

storageContract('node storage contract', nodeStorageEnv);
