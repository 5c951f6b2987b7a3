import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Topology, Workload } from '../model/decorators.js';
import { topologyOf } from '../model/metadata.js';
import { replayBaseOf, seedReplays } from './replay.js';

@Workload()
class Node {
  async run(): Promise<void> {}
}

@Topology({ name: 'ping-pong', roles: { node: Node }, layouts: [{ node: 2 }], network: 'hostile', attrition: { deadMax: 1, intervalMs: [1000, 5000], downMs: [100, 2000] } })
class Declaring {}

@Topology({ name: 'plain', roles: { node: Node }, layouts: [{ node: 1 }] })
class Plain {}

test('a replay names the topology, layout and seed plus only the flags that change what the topology declares', () => {
  const definition = topologyOf(Declaring)!;
  const replay = seedReplays(definition, '2', { network: 'hostile', storage: 'default', attrition: 'on', buggify: 'on', livenessTimeoutMs: definition.livenessTimeoutMs });
  assert.equal(replay(3735928559), 'npx moonpool-test ping-pong --layout 2 --seed 3735928559 --buggify on');
  const changed = seedReplays(definition, '2', { network: 'perfect', storage: 'hostile', attrition: 'off', eventsMax: 100, checkDeterminism: true, swarm: false });
  assert.equal(changed(7), 'npx moonpool-test ping-pong --layout 2 --seed 7 --network perfect --storage hostile --events-max 100 --attrition off --check-determinism');
  assert.equal(seedReplays(topologyOf(Plain)!, '1', { attrition: 'on', guard: 'reject' })(9), 'npx moonpool-test plain --layout 1 --seed 9 --guard reject --attrition on');
});

test('a --real replay carries only the flags a real run reads, and no seed', () => {
  const definition = topologyOf(Declaring)!;
  const real = seedReplays(definition, '2', { network: 'perfect', attrition: 'off', livenessTimeoutMs: 500, eventsMax: 9 }, true);
  assert.equal(real(0), 'npx moonpool-test ping-pong --layout 2 --real --liveness-timeout-ms 500 --attrition off');
  assert.equal(real(1), real(0));
});

test('the plain data a runner gets of a topology gives the same replays as the topology itself', () => {
  const definition = topologyOf(Declaring)!;
  const base = structuredClone(replayBaseOf(definition));
  for (const options of [{}, { network: 'hostile' as const, attrition: 'off' as const }, { attrition: 'on' as const, livenessTimeoutMs: 5 }]) {
    assert.equal(seedReplays(base, '2', options)(11), seedReplays(definition, '2', options)(11));
    assert.equal(seedReplays(base, '2', options, true)(0), seedReplays(definition, '2', options, true)(0));
  }
});
