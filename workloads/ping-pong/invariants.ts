import { Invariant, type StateSnapshot } from 'moonpool';
import type { ClientStats, ServerStats } from './messages.js';

// The seven message-accounting detectors of the reference design, checked after every event.

interface Totals {
  /** Server and client stats with their registry keys, in the registry's sorted key order: the
   * first `serverCount` / `clientCount` entries (the arrays are reused, never shrunk). */
  servers: ServerStats[];
  serverKeys: string[];
  serverCount: number;
  clients: ClientStats[];
  clientKeys: string[];
  clientCount: number;
  pingsSent: number;
  pingsReceived: number;
  pongsSent: number;
  pongsReceived: number;
}

// Seven detectors read the same state after every change: gather it once per state version,
// into one object rebuilt in place (these run after every event, so they allocate nothing).
// A memo, not state carried across seeds: it answers only for the very state object and version
// it was built from, so no seed reads another's; and only the latest state is kept.
const totals: Totals = {
  servers: [], serverKeys: [], serverCount: 0, clients: [], clientKeys: [], clientCount: 0,
  pingsSent: 0, pingsReceived: 0, pongsSent: 0, pongsReceived: 0,
};
let gatheredState: StateSnapshot | undefined;
let gatheredVersion = -1;

const SERVER = 'ping-pong/server/';
const CLIENT = 'ping-pong/client/';
/** The address in a registry key (built only for a failure message). */
const addressOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);

function collect(state: StateSnapshot): Totals {
  if (gatheredState === state && gatheredVersion === state.version) return totals;
  totals.serverCount = totals.clientCount = 0;
  totals.pingsSent = totals.pingsReceived = totals.pongsSent = totals.pongsReceived = 0;
  const keys = state.keys();
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key.startsWith(SERVER)) {
      const s = state.get<ServerStats>(key) as ServerStats;
      totals.serverKeys[totals.serverCount] = key;
      totals.servers[totals.serverCount++] = s;
      totals.pingsReceived += s.pingsReceived;
      totals.pongsSent += s.pongsSent;
    } else if (key.startsWith(CLIENT)) {
      const c = state.get<ClientStats>(key) as ClientStats;
      totals.clientKeys[totals.clientCount] = key;
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

/** Pings the client at `clientAddress` sent to the server under `serverKey`, by the client's own
 * counters (found by comparing key suffixes: no address is sliced out per event). */
function sentTo(serverKey: string, clientAddress: string): number {
  for (let i = 0; i < totals.clientCount; i++) {
    const key = totals.clientKeys[i];
    if (key.length !== CLIENT.length + clientAddress.length || !key.endsWith(clientAddress)) continue;
    const sent = totals.clients[i].sentTo;
    for (const server in sent) if (serverKey.length === SERVER.length + server.length && serverKey.endsWith(server)) return sent[server];
    return 0;
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
    const { servers, serverKeys, serverCount } = collect(state);
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      if (s.pongsSent > s.pingsReceived) throw new Error(`${addressOf(serverKeys[i])} sent ${s.pongsSent} pongs for ${s.pingsReceived} pings`);
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
    const { servers, serverKeys, serverCount, clients, clientKeys, clientCount } = collect(state);
    for (let i = 0; i < clientCount; i++) {
      const c = clients[i];
      if (sum(c.sentTo) !== c.pingsSent) throw new Error(`${addressOf(clientKeys[i])}: per-server pings ${sum(c.sentTo)} != total ${c.pingsSent}`);
      if (sum(c.receivedFrom) !== c.pongsReceived) throw new Error(`${addressOf(clientKeys[i])}: per-server pongs ${sum(c.receivedFrom)} != total ${c.pongsReceived}`);
    }
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      const key = serverKeys[i];
      if (sum(s.receivedFrom) !== s.pingsReceived) throw new Error(`${addressOf(key)}: per-client pings ${sum(s.receivedFrom)} != total ${s.pingsReceived}`);
      for (const client in s.receivedFrom) {
        const count = s.receivedFrom[client];
        const sent = sentTo(key, client);
        if (count > sent) throw new Error(`${addressOf(key)} received ${count} pings from ${client}, which sent it only ${sent}`);
      }
    }
  }
}

@Invariant('pongs received + in transit + abandoned == pings sent')
export class ClientConservation {
  check(state: StateSnapshot): void {
    const { clients, clientKeys, clientCount } = collect(state);
    for (let i = 0; i < clientCount; i++) {
      const c = clients[i];
      if (c.pongsReceived + c.inTransit + c.abandoned !== c.pingsSent) {
        throw new Error(`${addressOf(clientKeys[i])}: ${c.pongsReceived} pongs + ${c.inTransit} in transit + ${c.abandoned} abandoned != ${c.pingsSent} pings sent`);
      }
    }
  }
}

@Invariant('per-server in transit == pings received - pongs sent')
export class ServerInTransit {
  check(state: StateSnapshot): void {
    const { servers, serverKeys, serverCount } = collect(state);
    for (let i = 0; i < serverCount; i++) {
      const s = servers[i];
      if (s.inTransit !== s.pingsReceived - s.pongsSent) throw new Error(`${addressOf(serverKeys[i])}: in transit ${s.inTransit} != ${s.pingsReceived} - ${s.pongsSent}`);
    }
  }
}

export const PING_PONG_INVARIANTS = [
  PingsReceivedBounded, PongsSentBounded, PongsReceivedBounded, PerPeerSums, ClientConservation, ServerInTransit,
];
