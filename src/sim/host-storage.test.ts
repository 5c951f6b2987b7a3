import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateRegistry } from '../chaos/state-registry.js';
import { TimeProvider } from '../providers/time-provider.js';
import { StorageProvider } from '../storage/storage-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { ProcessFaults, type StopKind } from '../model/process-faults.js';
import type { SeedResult } from '../model/report.js';
import { runSeed } from './run-seed.js';
import type { SeedRunOptions } from './seed-options.js';
import { TopologyInfo } from '../model/topology-info.js';

/** What each incarnation of the writer read back from its disk when it started. */
let seen: { incarnation: number; synced: string | undefined; unsynced: string | undefined }[] = [];

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const SYNCED = 'synced!'.repeat(100); // 700 bytes: two sectors
const UNSYNCED = 'pending'.repeat(300); // 2,100 bytes: five sectors

@Workload('disk-writer', { service: true })
class DiskWriter {
  constructor(
    @Inject(StorageProvider) private readonly storage: StorageProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
  ) {}

  private async readAll(path: string): Promise<string | undefined> {
    if (!(await this.storage.exists(path))) return undefined;
    const file = await this.storage.open(path);
    const bytes = await file.read(0, await file.size());
    await file.close();
    return text(bytes);
  }

  async setup(): Promise<void> {
    seen.push({ incarnation: this.topology.incarnation, synced: await this.readAll('synced'), unsynced: await this.readAll('unsynced') });
    if (this.topology.incarnation > 0) return;
    const synced = await this.storage.open('synced', { create: true });
    await synced.write(0, new TextEncoder().encode(SYNCED));
    await synced.sync();
    await this.storage.syncDirectory();
    const unsynced = await this.storage.open('unsynced', { create: true });
    await this.storage.syncDirectory();
    await unsynced.write(0, new TextEncoder().encode(UNSYNCED)); // never synced
  }

  async run(): Promise<void> {
    await this.topology.shutdown;
  }
}

function nemesis(kind: StopKind) {
  @Workload('disk-nemesis')
  class DiskNemesis {
    constructor(
      @Inject(ProcessFaults) private readonly faults: ProcessFaults,
      @Inject(TopologyInfo) private readonly topology: TopologyInfo,
      @Inject(TimeProvider) private readonly time: TimeProvider,
    ) {}

    async run(): Promise<void> {
      await this.time.sleep(100);
      await this.faults.reboot(this.topology.peers('node')[0], kind, { downMs: 10, graceMs: 10 });
    }
  }
  return DiskNemesis;
}

let topologies = 0;
async function runWith(kind: StopKind, seed: number, options: SeedRunOptions = {}): Promise<SeedResult> {
  const target = class {};
  Topology({ name: `disk-${++topologies}`, roles: { node: DiskWriter, nemesis: nemesis(kind) }, layouts: [{ node: 1, nemesis: 1 }], network: 'perfect', storage: 'perfect' })(target);
  seen = [];
  return runSeed(expandLayouts(topologyOf(target)!)[0], seed, options);
}

test('a crash keeps synced data; every unsynced sector comes back new, old (zeros here) or torn', async () => {
  const outcomes = new Set<string>();
  for (let seed = 1; seed <= 40; seed++) {
    const result = await runWith('crash', seed);
    assert.equal(result.ok, true, result.failure?.message);
    assert.deepEqual(seen.map((s) => s.incarnation), [0, 1]);
    const after = seen[1];
    assert.equal(after.synced, SYNCED, `seed ${seed}: synced data survives a crash`);
    const unsynced = after.unsynced ?? '';
    // Sector by sector: the new bytes, nothing (lost, the file is shorter), or a torn mix.
    for (let sector = 0; sector * 512 < UNSYNCED.length; sector++) {
      const got = unsynced.slice(sector * 512, (sector + 1) * 512);
      const want = UNSYNCED.slice(sector * 512, (sector + 1) * 512);
      outcomes.add(got === want ? 'kept' : got.replace(/\0/g, '') === '' ? 'lost' : 'torn');
    }
  }
  assert.deepEqual([...outcomes].sort(), ['kept', 'lost', 'torn'], 'all three outcomes show over 40 seeds');
});

test('a graceful exit keeps even unsynced data; a wipe erases the disk', async () => {
  const graceful = await runWith('graceful', 3);
  assert.equal(graceful.ok, true, graceful.failure?.message);
  assert.deepEqual(seen[1], { incarnation: 1, synced: SYNCED, unsynced: UNSYNCED });
  const wiped = await runWith('wipe', 3);
  assert.equal(wiped.ok, true, wiped.failure?.message);
  assert.deepEqual(seen[1], { incarnation: 1, synced: undefined, unsynced: undefined });
});

test('storage draws only from its own stream: a seed replays exactly, with the disk in its report', async () => {
  const first = await runWith('crash', 7, { storage: 'hostile' });
  const again = await runWith('crash', 7, { storage: 'hostile' });
  assert.equal(first.traceHash, again.traceHash);
  assert.equal(first.options['storage.preset'], 'hostile');
  assert.ok('lostWrite' in first.faults, 'storage fault counts join the network\'s once a disk was used');
  assert.match(first.replay, /--storage hostile/);
});

test('a topology that never touches storage makes no disk and reports none', async () => {
  @Workload('idle')
  class Idle {
    constructor(@Inject(StateRegistry) readonly state: StateRegistry) {}
    async run(): Promise<void> {
      this.state.set('ran', true);
    }
  }
  const target = class {};
  Topology({ name: `no-disk-${++topologies}`, roles: { node: Idle }, layouts: [{ node: 2 }], network: 'perfect' })(target);
  const result = await runSeed(expandLayouts(topologyOf(target)!)[0], 1, { storage: 'hostile' });
  assert.equal(result.ok, true);
  assert.equal('storage.preset' in result.options, false);
  assert.equal('lostWrite' in result.faults, false);
});

test('bad storage settings are DefinitionErrors naming the preset or the key', () => {
  const define = (storage: unknown) => () =>
    Topology({ name: 'bad-storage', roles: { node: DiskWriter }, layouts: [{ node: 1 }], storage: storage as 'perfect' })(class BadStorage {});
  assert.throws(define('flaky'), /@Topology on BadStorage .*storage "flaky" is not a preset\. Use a preset \(perfect, default, hostile, random\)/);
  assert.throws(define({ preset: 'mine' }), /@Topology on BadStorage .*storage config is invalid/);
});
