import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateRegistry, type StateSnapshot } from 'moonpool';
import * as bundled from '../../workloads/ping-pong/invariants.js';
import { clientKey, serverKey, type ClientStats, type ServerStats } from '../../workloads/ping-pong/messages.js';
import * as tuned from './invariants.js';

const server = (over: Partial<ServerStats> = {}): ServerStats => ({ address: 's1', pingsReceived: 3, pongsSent: 2, inTransit: 1, receivedFrom: { c1: 2, c2: 1 }, ...over });
const client = (over: Partial<ClientStats> = {}): ClientStats => ({ id: 'c1', pingsSent: 2, pongsReceived: 1, inTransit: 1, abandoned: 0, sentTo: { s1: 2 }, receivedFrom: { s1: 1 }, ...over });

/** The messages of the invariants of `set` that fail on `state`, by class name. */
function verdicts(set: typeof bundled.PING_PONG_INVARIANTS, state: StateSnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const Invariant of set) {
    try {
      new Invariant().check(state);
    } catch (error) {
      out[Invariant.name] = (error as Error).message;
    }
  }
  return out;
}

test('the bench\'s tuned invariants give the bundled ones\' verdicts, through changes and across registries', () => {
  const registry = new StateRegistry();
  const other = new StateRegistry();
  other.set(serverKey('s9', 0), server({ address: 's9', pingsReceived: 1, inTransit: 0, pongsSent: 1, receivedFrom: { c9: 1 } }));
  const changes: [string, unknown][] = [
    [serverKey('s1', 0), server()],
    [clientKey('c1', 0), client()],
    [clientKey('c2', 0), client({ id: 'c2', pingsSent: 1, pongsReceived: 1, inTransit: 0, sentTo: { s1: 1 }, receivedFrom: { s1: 1 } })],
    [serverKey('s1', 0), server({ pingsReceived: 4, inTransit: 2, receivedFrom: { c1: 3, c2: 1 } })],
    [serverKey('s1', 0), server({ pongsSent: 4, inTransit: -1 })],
    [clientKey('c1', 0), client({ pongsReceived: 3 })],
    [serverKey('s1', 1), server({ pingsReceived: 1, pongsSent: 1, inTransit: 0, receivedFrom: { c1: 1 } })],
  ];
  let failing = 0;
  for (const [key, value] of changes) {
    registry.set(key, value);
    // Another seed's registry in between: the tuned memo must not answer for it.
    for (const state of [registry.snapshot(), other.snapshot(), registry.snapshot()]) {
      const expected = verdicts(bundled.PING_PONG_INVARIANTS, state);
      assert.deepEqual(verdicts(tuned.PING_PONG_INVARIANTS, state), expected, `after ${key}`);
      if (Object.keys(expected).length > 0) failing++;
    }
  }
  assert.ok(failing > 0, 'some of the states break an invariant');
});
