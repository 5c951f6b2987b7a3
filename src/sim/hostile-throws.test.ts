import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateRegistry, type StateSnapshot } from '../chaos/state-registry.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Invariant, Workload } from '../model/decorators.js';
import { failureOf } from './failing-seed.test-support.js';

/** Values a workload might throw that break naive reporting. */
const HOSTILE: [string, () => unknown][] = [
  ['an object without a prototype', () => Object.create(null)],
  ['a Proxy that throws on every trap', () => new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } })],
  ['an Error whose message getter throws', () => Object.defineProperty(new Error('x'), 'message', { get: () => { throw new Error('getter'); } })],
];

for (const [what, make] of HOSTILE) {
  test(`run() throwing ${what} is the workload's task failure, not moonpool's`, async () => {
    @Workload('hostile-thrower')
    class Thrower {
      constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
      async run(): Promise<void> {
        await this.time.sleep(5);
        throw make();
      }
    }
    const failure = await failureOf({ node: Thrower });
    assert.equal(failure.kind, 'task', failure.message);
    assert.equal(failure.where, 'node#0.run');
  });

  test(`an invariant throwing ${what} is that invariant's failure`, async () => {
    @Workload('hostile-setter')
    class Setter {
      constructor(@Inject(StateRegistry) readonly state: StateRegistry) {}
      async run(): Promise<void> {
        this.state.set('x', 1);
      }
    }
    @Invariant('hostile invariant')
    class Hostile {
      check(state: StateSnapshot): void {
        if (state.get('x') === 1) throw make();
      }
    }
    const failure = await failureOf({ node: Setter }, { invariants: [Hostile] });
    assert.equal(failure.kind, 'invariant', failure.message);
    assert.equal(failure.where, 'invariant "hostile invariant"');
  });
}
