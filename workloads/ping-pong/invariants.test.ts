import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateRegistry } from 'moonpool';
import { PING_PONG_INVARIANTS } from './invariants.js';
import { clientKey, serverKey, type ClientStats, type ServerStats } from './messages.js';

const server = (over: Partial<ServerStats> = {}): ServerStats => ({ address: 's1', pingsReceived: 3, pongsSent: 2, inTransit: 1, receivedFrom: { c1: 2, c2: 1 }, ...over });
const client = (over: Partial<ClientStats> = {}): ClientStats => ({ id: 'c1', pingsSent: 2, pongsReceived: 1, inTransit: 1, abandoned: 0, sentTo: { s1: 2 }, receivedFrom: { s1: 1 }, ...over });

/** A registry of one server s1 and clients c1, c2, each counter set consistently, then `change` applied. */
function state(change: (set: (key: string, value: unknown) => void) => void = () => {}) {
  const registry = new StateRegistry();
  registry.set(serverKey('s1', 0), server());
  registry.set(clientKey('c1', 0), client());
  registry.set(clientKey('c2', 0), client({ id: 'c2', pingsSent: 1, pongsReceived: 1, inTransit: 0, sentTo: { s1: 1 }, receivedFrom: { s1: 1 } }));
  change((key, value) => registry.set(key, value));
  return registry.snapshot();
}

/** The messages of the invariants that fail on `snapshot`, by invariant class name. */
function failures(snapshot: ReturnType<typeof state>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const Invariant of PING_PONG_INVARIANTS) {
    try {
      new Invariant().check(snapshot);
    } catch (error) {
      out[Invariant.name] = (error as Error).message;
    }
  }
  return out;
}

test('a consistent state passes every ping-pong invariant', () => {
  assert.deepEqual(failures(state()), {});
});

test('each broken counter is named by the invariants it breaks, with the addresses and the numbers', () => {
  const cases: [string, (set: (key: string, value: unknown) => void) => void, Record<string, string>][] = [
    ['a server counts a ping no client sent', (set) => set(serverKey('s1', 0), server({ pingsReceived: 4, inTransit: 2, receivedFrom: { c1: 3, c2: 1 } })), {
      PingsReceivedBounded: 'servers received 4 pings but clients sent only 3',
      PerPeerSums: 's1 received 3 pings from c1, which sent it only 2',
    }],
    ['a server answers more pings than it received', (set) => set(serverKey('s1', 0), server({ pongsSent: 4, inTransit: -1 })), {
      PongsSentBounded: 's1 sent 4 pongs for 3 pings',
    }],
    ['a client counts pongs never sent', (set) => set(clientKey('c1', 0), client({ pongsReceived: 3 })), {
      PongsReceivedBounded: 'clients received 4 pongs but servers sent only 2',
      PerPeerSums: 'c1: per-server pongs 1 != total 3',
      ClientConservation: 'c1: 3 pongs + 1 in transit + 0 abandoned != 2 pings sent',
    }],
    ['a client per-server count off', (set) => set(clientKey('c2', 0), client({ id: 'c2', pingsSent: 1, pongsReceived: 1, inTransit: 0, sentTo: { s1: 2 }, receivedFrom: { s1: 1 } })), {
      PerPeerSums: 'c2: per-server pings 2 != total 1',
    }],
    ['a server loses track of a ping in transit', (set) => set(serverKey('s1', 0), server({ inTransit: 0 })), {
      ServerInTransit: 's1: in transit 0 != 3 - 2',
    }],
  ];
  for (const [what, change, expected] of cases) assert.deepEqual(failures(state(change)), expected, what);
});

test('every incarnation counts: a crashed server\'s frozen record and its successor\'s add up', () => {
  const registry = new StateRegistry();
  // s1 crashed holding one ping unanswered; its next incarnation answered one more ping of c1.
  registry.set(serverKey('s1', 0), server({ pingsReceived: 2, pongsSent: 1, inTransit: 1, receivedFrom: { c1: 2 } }));
  registry.set(serverKey('s1', 1), server({ pingsReceived: 1, pongsSent: 1, inTransit: 0, receivedFrom: { c1: 1 } }));
  registry.set(clientKey('c1', 0), client({ pingsSent: 3, pongsReceived: 2, inTransit: 0, abandoned: 1, sentTo: { s1: 3 }, receivedFrom: { s1: 2 } }));
  assert.deepEqual(failures(registry.snapshot()), {});
  // The server's next incarnation counting one ping too many is still caught.
  registry.set(serverKey('s1', 1), server({ pingsReceived: 2, pongsSent: 1, inTransit: 1, receivedFrom: { c1: 2 } }));
  assert.deepEqual(failures(registry.snapshot()), { PingsReceivedBounded: 'servers received 4 pings but clients sent only 3' });
});
