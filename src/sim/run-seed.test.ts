import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateRegistry } from '../chaos/state-registry.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts, type CasePlan } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import type { SeedResult } from '../model/report.js';
import { runSeed } from './run-seed.js';
import { EchoClient, EchoServer, seenTopology } from './workloads.test-support.js';

@Topology({
  name: 'echo',
  roles: { server: EchoServer, client: EchoClient },
  layouts: [{ server: 2, client: 3 }, { server: [1, 3], client: [1, 4] }],
  network: 'perfect',
})
class Echo {}

const [fixed, random] = expandLayouts(topologyOf(Echo)!);

function comparable(result: SeedResult): Omit<SeedResult, 'wallMs'> {
  const { wallMs: _wall, ...rest } = result;
  return rest;
}

test('a passing seed: every lifecycle step ran, hosts follow role order, the result lists the drawn options', async () => {
  seenTopology.length = 0;
  const result = await runSeed(fixed, 42);
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual([result.caseId, result.topology, result.layout, result.seed], ['echo[2x3]', 'echo', '2x3', 42]);
  assert.ok(result.events > 20 && result.simTimeMs > 0);
  assert.match(result.traceHash, /^[0-9a-f]{16}$/);
  assert.equal(result.replay, 'npx moonpool-test echo --layout 2x3 --seed 42');
  const servers = ['10.0.0.1:4500', '10.0.0.2:4500'];
  assert.deepEqual(seenTopology.map((s) => [s.role, s.index, s.address]), [
    ['server', 0, '10.0.0.1:4500'], ['server', 1, '10.0.0.2:4500'],
    ['client', 0, '10.0.0.3:4500'], ['client', 1, '10.0.0.4:4500'], ['client', 2, '10.0.0.5:4500'],
  ]);
  assert.ok(seenTopology.every((s) => s.servers.join() === servers.join()));
  const options = result.options;
  assert.deepEqual([options['layout.server'], options['layout.client']], [2, 3]);
  assert.equal(options['network.preset'], 'perfect');
  assert.equal(options['network.faults.partition'], 'off');
  assert.ok(['on', 'off'].includes(options['chaos.buggify'] as string));
  assert.equal(options.guard, 'virtualize');
  assert.equal(result.faults.partition, 0);
});

test('the same seed gives the same trace hash and result; other seeds differ', async () => {
  const a = await runSeed(random, 7);
  const b = await runSeed(random, 7);
  assert.deepEqual(comparable(a), comparable(b));
  const hashes = new Set<string>();
  const sizes = new Set<string>();
  for (let seed = 0; seed < 12; seed++) {
    const result = await runSeed(random, seed, { network: 'hostile' });
    hashes.add(result.traceHash);
    sizes.add(`${result.options['layout.server']}x${result.options['layout.client']}`);
  }
  assert.equal(hashes.size, 12);
  assert.ok(sizes.size > 1, 'random layouts draw different sizes per seed');
});

test('checkDeterminism passes a deterministic seed and names the first divergent event otherwise', async () => {
  const checked = await runSeed(fixed, 11, { checkDeterminism: true });
  assert.equal(checked.ok, true, checked.failure?.message);
  assert.equal(checked.traceHash, (await runSeed(fixed, 11)).traceHash);
  assert.match(checked.replay, /--check-determinism$/);

  let leaked = 0; // state kept across runs: the second run sleeps differently
  @Workload()
  class Leaky {
    constructor(@Inject(TimeProvider) private readonly time: TimeProvider) {}
    async run(): Promise<void> {
      await this.time.sleep(5);
      await this.time.sleep(++leaked);
    }
  }
  @Topology({ name: 'leaky', roles: { node: Leaky }, layouts: [{ node: 1 }] })
  class LeakyTopology {}
  const result = await runSeed(expandLayouts(topologyOf(LeakyTopology)!)[0], 5, { checkDeterminism: true });
  assert.equal(result.failure?.kind, 'determinism');
  assert.match(result.failure!.detail, /^the two runs first diverge at event #\d+: first run event #\d+ "sleep"/);
  assert.match(result.failure!.fix!, /^Look for real time, Math\.random/);
  assert.match(result.failure!.message, /^determinism failure at seed 5, [\d.]+ ms simulated, event #\d+: the two runs first diverge at event #\d+/);
  assert.match(result.failure!.message, /Replay: npx moonpool-test leaky --layout 1 --seed 5 --check-determinism$/);
  assert.equal(result.beyondPresets?.['chaos.buggify'], result.options['chaos.buggify'], 'a determinism failure also says what the seed drew');
});

test('checkDeterminism also compares what the guard handed out: a leak that leaves the events alone still fails', async () => {
  let runs = 0; // state kept across runs: the second run reads the clock once more
  @Workload()
  class ClockReader {
    constructor(@Inject(TimeProvider) private readonly time: TimeProvider) {}
    async run(): Promise<void> {
      await this.time.sleep(5);
      for (let i = 0; i <= runs; i++) Date.now();
      runs++;
    }
  }
  @Topology({ name: 'clock-reader', roles: { node: ClockReader }, layouts: [{ node: 1 }] })
  class ClockReaderTopology {}
  const result = await runSeed(expandLayouts(topologyOf(ClockReaderTopology)!)[0], 5, { checkDeterminism: true });
  assert.equal(result.failure?.kind, 'determinism');
  assert.match(result.failure!.message, /both runs ran the same events, but the values the guard handed out differ \(first run: Date\.now\(\) ×1; second run: Date\.now\(\) ×2\)/);
});

test('workloads share one StateRegistry per seed and get fresh instances every seed', async () => {
  const registries = new Set<StateRegistry>();
  @Workload()
  class Recorder {
    constructor(@Inject(StateRegistry) private readonly registry: StateRegistry) {
      registries.add(registry);
    }
    run(): void {
      this.registry.set(`n${registries.size}`, 1);
    }
  }
  @Topology({ name: 'recorder', roles: { node: Recorder }, layouts: [{ node: 2 }] })
  class RecorderTopology {}
  const plan: CasePlan = expandLayouts(topologyOf(RecorderTopology)!)[0];
  assert.equal((await runSeed(plan, 1)).ok, true);
  assert.equal(registries.size, 1, 'both processes of a seed share the registry');
  await runSeed(plan, 2);
  assert.equal(registries.size, 2, 'a new seed has a new registry');
});
