import { Invariant, type StateSnapshot } from 'moonpool';
import type { ClientStats, ServerStats } from '../../workloads/ping-pong/messages.js';

// The bench's tuned copy of workloads/ping-pong/invariants.ts: the same six detectors and
// messages, written for speed. The seeds/s figures of `npm run bench` have been measured on this
// code since the allocation work (see docs/performance.md), so they stay comparable from run to
// run; the bundled example keeps the plain version a user would write. bench/ping-pong/
// invariants.test.ts checks both give the same verdicts.

interface Totals {
  /** Server and client stats of every incarnation, in the registry's sorted key order: the
   * first `serverCount` / `clientCount` entries (the arrays are reused, never shrunk). */
  servers: ServerStats[];
  serverCount: number;
  clients: ClientStats[];
  clientCount: number;
  pingsSent: number;
  pingsReceived: number;
  pongsSent: number;
  pongsReceived: number;
}

// Six detectors read the same state after every change: gather it once per state version,
// into one object rebuilt in place (these run after every event, so they allocate nothing).
// A memo, not state carried across seeds: it answers only for the very state object and version
// it was built from, so no seed reads another's; and only the latest state is kept.
const totals: Totals = {
  servers: [], serverCount: 0, clients: [], clientCount: 0,
  pingsSent: 0, pingsReceived: 0, pongsSent: 0, pongsReceived: 0,
};
let gatheredState: StateSnapshot | undefined;
let gatheredVersion = -1;

const SERVER = 'ping-pong/server/';
const CLIENT = 'ping-pong/client/';

function collect(state: StateSnapshot): Totals {
  if (gatheredState === state && gatheredVersion === state.version) return totals;
  totals.serverCount = totals.clientCount = 0;
  totals.pingsSent = totals.pingsReceived = totals.pongsSent = totals.pongsReceived = 0;
  const keys = state.keys();
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key.startsWith(SERVER)) {
      const s = state.get<ServerStats>(key) as ServerStats;
      totals.servers[totals.serverCount++] = s;
      totals.pingsReceived += s.pingsReceived;
      totals.pongsSent += s.pongsSent;
    } else if (key.startsWith(CLIENT)) {
      const c = state.get<ClientStats>(key) as ClientStats;
      totals.clients[totals.clientCount++] = c;
      totals.pingsSent += c.pingsSent;
      totals.pongsReceived += c.pongsReceived;
    }
  }
  gatheredState = state;
  gatheredVersion = state.version;
  return totals;
}

function sum(record: Record<string, number>): number {
  let total = 0;
  for (const key in record) total += record[key];
  return total;
}

/** Pings the client incarnation `clientId` sent to the server at `serverAddress` (to any of its
 * incarnations), by the client's own counters. */
function sentTo(serverAddress: string, clientId: string): number {
  for (let i = 0; i < totals.clientCount; i++) {
    const c = totals.clients[i];
    if (c.id === clientId) return c.sentTo[serverAddress] ?? 0;
  }
  return 0;
}

// Each detector throws only when its condition fails: the message is built then, never per event.

@Invariant('pings received <= pings sent')
export class PingsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pingsReceived, pingsSent } = collect(state);
    if (pingsReceived > pingsSent) throw new Error(`servers received ${pingsReceived} pings but clients sent only ${pingsSent}`);
  }
}

@Invariant('pongs sent <= pings received')
export class PongsSentBounded {
  check(state: StateSnapshot): void {
    const { servers, serverCount } = collect(state);
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      if (s.pongsSent > s.pingsReceived) throw new Error(`${s.address} sent ${s.pongsSent} pongs for ${s.pingsReceived} pings`);
    }
  }
}

@Invariant('pongs received <= pongs sent and <= pings sent')
export class PongsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pongsReceived, pongsSent, pingsSent } = collect(state);
    if (pongsReceived > pongsSent) throw new Error(`clients received ${pongsReceived} pongs but servers sent only ${pongsSent}`);
    if (pongsReceived > pingsSent) throw new Error(`clients received ${pongsReceived} pongs for ${pingsSent} pings`);
  }
}

@Invariant('per-peer sums equal totals')
export class PerPeerSums {
  check(state: StateSnapshot): void {
    const { servers, serverCount, clients, clientCount } = collect(state);
    for (let i = 0; i < clientCount; i++) {
      const c = clients[i];
      if (sum(c.sentTo) !== c.pingsSent) throw new Error(`${c.id}: per-server pings ${sum(c.sentTo)} != total ${c.pingsSent}`);
      if (sum(c.receivedFrom) !== c.pongsReceived) throw new Error(`${c.id}: per-server pongs ${sum(c.receivedFrom)} != total ${c.pongsReceived}`);
    }
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      if (sum(s.receivedFrom) !== s.pingsReceived) throw new Error(`${s.address}: per-client pings ${sum(s.receivedFrom)} != total ${s.pingsReceived}`);
      for (const client in s.receivedFrom) {
        const count = s.receivedFrom[client];
        const sent = sentTo(s.address, client);
        if (count > sent) throw new Error(`${s.address} received ${count} pings from ${client}, which sent it only ${sent}`);
      }
    }
  }
}

@Invariant('pongs received + in transit + abandoned == pings sent')
export class ClientConservation {
  check(state: StateSnapshot): void {
    const { clients, clientCount } = collect(state);
    for (let i = 0; i < clientCount; i++) {
      const c = clients[i];
      if (c.pongsReceived + c.inTransit + c.abandoned !== c.pingsSent) {
        throw new Error(`${c.id}: ${c.pongsReceived} pongs + ${c.inTransit} in transit + ${c.abandoned} abandoned != ${c.pingsSent} pings sent`);
      }
    }
  }
}

@Invariant('per-server in transit == pings received - pongs sent')
export class ServerInTransit {
  check(state: StateSnapshot): void {
    const { servers, serverCount } = collect(state);
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      if (s.inTransit !== s.pingsReceived - s.pongsSent) throw new Error(`${s.address}: in transit ${s.inTransit} != ${s.pingsReceived} - ${s.pongsSent}`);
    }
  }
}

export const PING_PONG_INVARIANTS = [
  PingsReceivedBounded, PongsSentBounded, PongsReceivedBounded, PerPeerSums, ClientConservation, ServerInTransit,
];
