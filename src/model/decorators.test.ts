import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Invariant, Topology, Workload } from './decorators.js';
import { DefinitionError } from './definition-error.js';
import { invariantOf, topologyOf, workloadOf } from './metadata.js';
import { listTopologies } from './registry.js';

@Workload('pinger')
class Pinger {
  async run(): Promise<void> {}
}

@Workload(undefined, { service: true })
class Echo {
  async run(): Promise<void> {}
}

@Invariant('always-fine')
class AlwaysFine {
  check(): void {}
}

const FILE = 'src/model/decorators.test.ts';

test('@Workload and @Invariant record name, service flag and the declaring file', () => {
  assert.deepEqual(workloadOf(Pinger), { name: 'pinger', target: Pinger, file: FILE, service: false });
  assert.deepEqual(workloadOf(Echo), { name: 'Echo', target: Echo, file: FILE, service: true });
  assert.deepEqual(invariantOf(AlwaysFine), { name: 'always-fine', target: AlwaysFine, file: FILE });
  class Undecorated extends Pinger {}
  assert.equal(workloadOf(Undecorated), undefined, 'an undecorated subclass is not a workload');
});

test('@Topology registers in declaration order with defaults', () => {
  const before = listTopologies().length;
  @Topology({ name: 'first', roles: { server: Echo, client: Pinger }, layouts: [{ server: 1, client: 2 }], invariants: [AlwaysFine] })
  class First {}
  @Topology({ name: 'second', roles: { client: Pinger }, layouts: [{ client: [1, 4] }], port: 7000, livenessTimeoutMs: 5000, buggify: 'off', seeds: 7 })
  class Second {}
  assert.deepEqual(listTopologies().slice(before).map((t) => t.name), ['first', 'second']);
  const first = topologyOf(First)!;
  assert.equal(first.file, FILE);
  assert.deepEqual(first.roles.map((r) => [r.name, r.workload.target]), [['server', Echo], ['client', Pinger]]);
  assert.deepEqual(first.invariants.map((i) => i.name), ['always-fine']);
  assert.deepEqual([first.port, first.livenessTimeoutMs, first.buggify, first.seeds], [4500, 60_000, 'auto', undefined]);
  const second = topologyOf(Second)!;
  assert.deepEqual([second.port, second.livenessTimeoutMs, second.buggify, second.seeds], [7000, 5000, 'off', 7]);
});

function definitionError(declare: () => void): DefinitionError {
  try {
    declare();
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${String(error)}`);
    assert.equal(error.file, FILE);
    return error;
  }
  assert.fail('expected a DefinitionError');
}

test('decorator misuse is a DefinitionError naming the class, the file and the fix', () => {
  const before = listTopologies().length;
  const noRun = definitionError(() => Workload()(class NoRun {} as never));
  assert.match(noRun.message, /@Workload on NoRun \(src\/model\/decorators\.test\.ts\): the class has no run\(\) method\. Add async run/);
  assert.match(definitionError(() => Invariant('x')(class NoCheck {} as never)).message, /has no check\(\) method/);
  const misspelt = definitionError(() => Workload('w', { servce: true } as never)(Pinger as never));
  assert.match(misspelt.message, /@Workload on Pinger \(src\/model\/decorators\.test\.ts\): unknown key "servce"; did you mean "service"\?/);
  const topology = (options: object) => () => Topology(options as never)(class Bad {});
  const cases: [object, RegExp][] = [
    [{ name: 'has space', roles: { client: Pinger }, layouts: [{ client: 1 }] }, /not usable on a command line/],
    [{ name: 't', roles: {}, layouts: [] }, /roles is empty/],
    [{ name: 't', roles: { client: class Plain {} }, layouts: [{ client: 1 }] }, /role "client" maps to Plain, which is not a @Workload class/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1, server: 1 }] }, /names role "server", which is not in roles/],
    [{ name: 't', roles: { client: Pinger, server: Echo }, layouts: [{ client: 1 }] }, /gives role "server" the count undefined/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: [3, 1] }] }, /\[min, max\] with min <= max/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 0 }] }, /can have no process at all/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: [1, 300] }] }, /300 processes, more than the 254 simulated hosts/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: [1, 2] }, { client: [2, 3] }] }, /two layouts are both named "random"/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], invariants: [Pinger] }, /invariants\[0\] is not an @Invariant class/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], port: 70000 }, /port 70000 is not a TCP port/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], buggify: 'sometimes' }, /buggify "sometimes" is not a mode/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], strategy: 'often' }, /strategy is invalid: strategy "often": it has no "name:" prefix/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], network: 'stormy' }, /network "stormy" is not a preset/],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], network: { preset: 'x' } }, /network config is invalid: .*swarm/],
    // A misspelt key would otherwise run with no invariant at all, without a word.
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], invariant: [] }, /unknown key "invariant"; did you mean "invariants"\? \(the keys are name, roles, layouts, invariants, /],
    [{ name: 't', roles: { client: Pinger }, layouts: [{ client: 1 }], futureOption: true }, /unknown key "futureOption" \(the keys are .*\)\. A key this version does not know would be ignored: fix or remove it\./],
  ];
  for (const [options, pattern] of cases) {
    const error = definitionError(topology(options));
    assert.match(error.message, pattern);
    assert.match(error.message, /^@Topology on Bad \(src\/model\/decorators\.test\.ts\): /);
  }
  Topology({ name: 'dup', roles: { client: Pinger }, layouts: [{ client: 1 }] })(class One {});
  assert.match(definitionError(topology({ name: 'dup', roles: { client: Pinger }, layouts: [{ client: 1 }] })).message, /reuses the name of One/);
  assert.deepEqual(listTopologies().slice(before).map((t) => t.name), ['dup'], 'rejected topologies are not registered');
});
