import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RngStreams } from '../core/rng.js';
import { Topology, Workload } from './decorators.js';
import { drawCounts, layoutName } from './layout-spec.js';
import { casesOfTopology, expandLayouts } from './layouts.js';
import { topologyOf } from './metadata.js';
import { TopologyInfo } from './topology-info.js';

@Workload()
class Server {
  async run(): Promise<void> {}
}

@Workload()
class Client {
  async run(): Promise<void> {}
}

@Topology({
  name: 'ping-pong',
  roles: { server: Server, client: Client },
  layouts: [{ server: 1, client: 1 }, { server: 2, client: 10 }, { server: [1, 3], client: [1, 10] }],
})
class PingPong {}

test('expandLayouts gives one case per layout, named by counts in role order or random', () => {
  const plans = expandLayouts(topologyOf(PingPong)!);
  assert.deepEqual(plans.map((p) => p.caseId), ['ping-pong[1x1]', 'ping-pong[2x10]', 'ping-pong[random]']);
  assert.deepEqual(plans[1].layout.counts, { server: 2, client: 10 });
  assert.deepEqual(plans[2].layout.counts, { server: [1, 3], client: [1, 10] });
  assert.equal(layoutName(['client', 'server'], { server: 2, client: 10 }), '10x2', 'role declaration order, not key order');
});

test('casesOfTopology takes a @Topology class and the layouts asked for, and names its caller in errors', () => {
  assert.deepEqual(casesOfTopology('runReal', PingPong).plans.map((p) => p.caseId), ['ping-pong[1x1]', 'ping-pong[2x10]', 'ping-pong[random]']);
  assert.deepEqual(casesOfTopology('runReal', PingPong, ['random', '1x1']).plans.map((p) => p.caseId), ['ping-pong[1x1]', 'ping-pong[random]']);
  assert.throws(() => casesOfTopology('runReal', PingPong, ['3x3']), /^RangeError: runReal\(ping-pong\): no layout named 3x3; the layouts are 1x1, 2x10, random\.$/);
  assert.throws(() => casesOfTopology('runReal', class NotOne {}), /^TypeError: runReal: NotOne is not a @Topology class\./);
});

test('random layout sizes are drawn per seed within their ranges, reproducibly, and cover the range', () => {
  const random = expandLayouts(topologyOf(PingPong)!)[2];
  const roles = ['server', 'client'];
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
      const draw = () => {
        const config = new RngStreams(seed).config;
        return drawCounts(roles, random.layout, (lo, hi) => config.int(lo, hi));
      };
      const counts = draw();
      assert.deepEqual(draw(), counts, `seed ${seed}: the same seed draws the same sizes`);
      assert.ok(counts.server >= 1 && counts.server <= 3 && counts.client >= 1 && counts.client <= 10, `seed ${seed}: ${JSON.stringify(counts)}`);
      seen.add(`${counts.server}x${counts.client}`);
    }),
    { numRuns: 500 },
  );
  assert.ok(seen.size >= 25, `500 seeds drew only ${seen.size} of the 30 sizes`);
  const fixed = expandLayouts(topologyOf(PingPong)!)[1];
  assert.deepEqual(drawCounts(roles, fixed.layout, () => assert.fail('fixed counts draw nothing')), { server: 2, client: 10 });
});

test('TopologyInfo gives the role, index, address and the peers of each role', () => {
  const byRole = new Map([
    ['server', ['10.0.0.1:4500', '10.0.0.2:4500']],
    ['client', ['10.0.0.3:4500']],
  ]);
  const info = new TopologyInfo('server', 1, '10.0.0.2:4500', byRole);
  assert.deepEqual([info.role, info.index, info.address], ['server', 1, '10.0.0.2:4500']);
  assert.deepEqual(info.peers('server'), ['10.0.0.1:4500', '10.0.0.2:4500']);
  assert.deepEqual(info.roles(), ['server', 'client']);
  info.peers('client').push('mutated');
  assert.deepEqual(info.peers('client'), ['10.0.0.3:4500'], 'peers() returns a copy');
  assert.throws(() => info.peers('proxy'), /no such role; the roles are server, client/);
  assert.equal(info.shutdown.requested, false);
});
