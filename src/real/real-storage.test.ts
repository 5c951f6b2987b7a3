// Storage in --real: each process gets a NodeStorageProvider in a folder of its own that
// outlives its reboots, a wipe erases it, and the run removes every folder unless
// --keep-storage asked to keep them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { ProcessFaults } from '../model/process-faults.js';
import { TopologyInfo } from '../model/topology-info.js';
import { StorageProvider } from '../storage/storage-provider.js';
import { runRealCase } from './run-real.js';

/** What each incarnation of the keeper found on its disk at setup(), in order. */
let found: (string | undefined)[] = [];

@Workload('real-keeper', { service: true })
class Keeper {
  constructor(
    @Inject(StorageProvider) private readonly storage: StorageProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
  ) {}

  async setup(): Promise<void> {
    if (await this.storage.exists('note')) {
      const file = await this.storage.open('note');
      found.push(new TextDecoder().decode(await file.read(0, await file.size())));
      await file.close();
    } else {
      found.push(undefined);
    }
    const file = await this.storage.open('note', { create: true });
    await file.write(0, new TextEncoder().encode(`written by incarnation ${this.topology.incarnation}`));
    await file.sync();
    await file.close();
    await this.storage.syncDirectory();
  }

  async run(): Promise<void> {
    await this.topology.shutdown;
  }
}

@Workload('real-storage-nemesis')
class StorageNemesis {
  constructor(
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
  ) {}

  async run(): Promise<void> {
    const keeper = this.topology.peers('keeper')[0];
    await this.faults.reboot(keeper, 'crash', { downMs: 10 });
    await this.faults.reboot(keeper, 'wipe', { downMs: 10 });
  }
}

@Topology({ name: 'real-storage', roles: { keeper: Keeper, nemesis: StorageNemesis }, layouts: [{ keeper: 1, nemesis: 1 }] })
class RealStorage {}

const plan = () => expandLayouts(topologyOf(RealStorage)!)[0];

test('--real: a process keeps its storage folder across a crash, a wipe erases it, and the run removes it', async () => {
  found = [];
  const result = await runRealCase(plan(), { livenessTimeoutMs: 5_000 });
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual(found, [undefined, 'written by incarnation 0', undefined], 'kept across the crash, gone after the wipe');
  assert.equal(result.options.storage, undefined, 'no folder is reported when none is kept');
});

test('--real --keep-storage leaves the folders, one per process, and names their root in the result', async () => {
  found = [];
  const result = await runRealCase(plan(), { livenessTimeoutMs: 5_000, keepStorage: true });
  assert.equal(result.ok, true, result.failure?.message);
  const root = String(result.options.storage);
  try {
    assert.ok(existsSync(join(root, 'nemesis-0')));
    assert.equal(readFileSync(join(root, 'keeper-0', 'note'), 'utf8'), 'written by incarnation 2');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
