import { Invariant, type StateSnapshot } from 'moonpool';
import type { ClientStats, ServerStats } from './messages.js';

// The seven message-accounting detectors of the reference design, checked after every event.

interface Totals {
  servers: [string, ServerStats][];
  /** By address, in the registry's sorted key order. */
  clients: Map<string, ClientStats>;
  pingsSent: number;
  pingsReceived: number;
  pongsSent: number;
  pongsReceived: number;
}

// Seven detectors read the same state after every change: gather it once per state version.
const cache = new WeakMap<StateSnapshot, { version: number; totals: Totals }>();

function collect(state: StateSnapshot): Totals {
  const hit = cache.get(state);
  if (hit !== undefined && hit.version === state.version) return hit.totals;
  const totals: Totals = { servers: [], clients: new Map(), pingsSent: 0, pingsReceived: 0, pongsSent: 0, pongsReceived: 0 };
  for (const [key, value] of state.entries()) {
    if (key.startsWith('ping-pong/server/')) {
      const s = value as ServerStats;
      totals.servers.push([key.slice(17), s]);
      totals.pingsReceived += s.pingsReceived;
      totals.pongsSent += s.pongsSent;
    } else if (key.startsWith('ping-pong/client/')) {
      const c = value as ClientStats;
      totals.clients.set(key.slice(17), c);
      totals.pingsSent += c.pingsSent;
      totals.pongsReceived += c.pongsReceived;
    }
  }
  cache.set(state, { version: state.version, totals });
  return totals;
}

function sum(record: Record<string, number>): number {
  let total = 0;
  for (const key in record) total += record[key];
  return total;
}

/** The message is a function: these run after every event, so it is only built on failure. */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

@Invariant('pings received <= pings sent')
export class PingsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pingsReceived, pingsSent } = collect(state);
    check(pingsReceived <= pingsSent, () => `servers received ${pingsReceived} pings but clients sent only ${pingsSent}`);
  }
}

@Invariant('pongs sent <= pings received')
export class PongsSentBounded {
  check(state: StateSnapshot): void {
    for (const [address, s] of collect(state).servers) {
      check(s.pongsSent <= s.pingsReceived, () => `${address} sent ${s.pongsSent} pongs for ${s.pingsReceived} pings`);
    }
  }
}

@Invariant('pongs received <= pongs sent and <= pings sent')
export class PongsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pongsReceived, pongsSent, pingsSent } = collect(state);
    check(pongsReceived <= pongsSent, () => `clients received ${pongsReceived} pongs but servers sent only ${pongsSent}`);
    check(pongsReceived <= pingsSent, () => `clients received ${pongsReceived} pongs for ${pingsSent} pings`);
  }
}

@Invariant('per-peer sums equal totals')
export class PerPeerSums {
  check(state: StateSnapshot): void {
    const { servers, clients } = collect(state);
    for (const [address, c] of clients) {
      check(sum(c.sentTo) === c.pingsSent, () => `${address}: per-server pings ${sum(c.sentTo)} != total ${c.pingsSent}`);
      check(sum(c.receivedFrom) === c.pongsReceived, () => `${address}: per-server pongs ${sum(c.receivedFrom)} != total ${c.pongsReceived}`);
    }
    for (const [address, s] of servers) {
      check(sum(s.receivedFrom) === s.pingsReceived, () => `${address}: per-client pings ${sum(s.receivedFrom)} != total ${s.pingsReceived}`);
      for (const [client, count] of Object.entries(s.receivedFrom)) {
        const sent = clients.get(client)?.sentTo[address] ?? 0;
        check(count <= sent, () => `${address} received ${count} pings from ${client}, which sent it only ${sent}`);
      }
    }
  }
}

@Invariant('pongs received + in transit + abandoned == pings sent')
export class ClientConservation {
  check(state: StateSnapshot): void {
    for (const [address, c] of collect(state).clients) {
      check(
        c.pongsReceived + c.inTransit + c.abandoned === c.pingsSent,
        () => `${address}: ${c.pongsReceived} pongs + ${c.inTransit} in transit + ${c.abandoned} abandoned != ${c.pingsSent} pings sent`,
      );
    }
  }
}

@Invariant('per-server in transit == pings received - pongs sent')
export class ServerInTransit {
  check(state: StateSnapshot): void {
    for (const [address, s] of collect(state).servers) {
      check(s.inTransit === s.pingsReceived - s.pongsSent, () => `${address}: in transit ${s.inTransit} != ${s.pingsReceived} - ${s.pongsSent}`);
    }
  }
}

export const PING_PONG_INVARIANTS = [
  PingsReceivedBounded, PongsSentBounded, PongsReceivedBounded, PerPeerSums, ClientConservation, ServerInTransit,
];
