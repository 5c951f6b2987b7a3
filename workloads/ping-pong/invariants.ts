import { Invariant, type StateSnapshot } from 'moonpool';
import { CLIENT_PREFIX, SERVER_PREFIX, type ClientStats, type ServerStats } from './messages.js';

// Six of the seven message-accounting detectors of the reference design (the seventh, that each
// pong answers its own ping, is the client's alwaysAssert), checked after every event that
// changed the registered state. Each reads the snapshot it is given and keeps nothing.

/** Every incarnation's stats (a crashed one's record stays, frozen), and the totals. */
function gather(state: StateSnapshot) {
  const servers: ServerStats[] = [];
  const clients: ClientStats[] = [];
  for (const key of state.keys()) {
    if (key.startsWith(SERVER_PREFIX)) servers.push(state.get<ServerStats>(key) as ServerStats);
    else if (key.startsWith(CLIENT_PREFIX)) clients.push(state.get<ClientStats>(key) as ClientStats);
  }
  const total = <T>(records: T[], count: (record: T) => number) => records.reduce((sum, record) => sum + count(record), 0);
  return {
    servers,
    clients,
    pingsSent: total(clients, (c) => c.pingsSent),
    pingsReceived: total(servers, (s) => s.pingsReceived),
    pongsSent: total(servers, (s) => s.pongsSent),
    pongsReceived: total(clients, (c) => c.pongsReceived),
  };
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((total, n) => total + n, 0);

// Each detector builds its message only when its condition fails.

@Invariant('pings received <= pings sent')
export class PingsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pingsReceived, pingsSent } = gather(state);
    if (pingsReceived > pingsSent) throw new Error(`servers received ${pingsReceived} pings but clients sent only ${pingsSent}`);
  }
}

@Invariant('pongs sent <= pings received')
export class PongsSentBounded {
  check(state: StateSnapshot): void {
    for (const s of gather(state).servers) {
      if (s.pongsSent > s.pingsReceived) throw new Error(`${s.address} sent ${s.pongsSent} pongs for ${s.pingsReceived} pings`);
    }
  }
}

@Invariant('pongs received <= pongs sent and <= pings sent')
export class PongsReceivedBounded {
  check(state: StateSnapshot): void {
    const { pongsReceived, pongsSent, pingsSent } = gather(state);
    if (pongsReceived > pongsSent) throw new Error(`clients received ${pongsReceived} pongs but servers sent only ${pongsSent}`);
    if (pongsReceived > pingsSent) throw new Error(`clients received ${pongsReceived} pongs for ${pingsSent} pings`);
  }
}

@Invariant('per-peer sums equal totals')
export class PerPeerSums {
  check(state: StateSnapshot): void {
    const { servers, clients } = gather(state);
    for (const c of clients) {
      if (sum(c.sentTo) !== c.pingsSent) throw new Error(`${c.id}: per-server pings ${sum(c.sentTo)} != total ${c.pingsSent}`);
      if (sum(c.receivedFrom) !== c.pongsReceived) throw new Error(`${c.id}: per-server pongs ${sum(c.receivedFrom)} != total ${c.pongsReceived}`);
    }
    for (const s of servers) {
      if (sum(s.receivedFrom) !== s.pingsReceived) throw new Error(`${s.address}: per-client pings ${sum(s.receivedFrom)} != total ${s.pingsReceived}`);
      for (const [client, count] of Object.entries(s.receivedFrom)) {
        // What that client incarnation says it sent to this server (to any of its incarnations).
        const sent = clients.find((c) => c.id === client)?.sentTo[s.address] ?? 0;
        if (count > sent) throw new Error(`${s.address} received ${count} pings from ${client}, which sent it only ${sent}`);
      }
    }
  }
}

@Invariant('pongs received + in transit + abandoned == pings sent')
export class ClientConservation {
  check(state: StateSnapshot): void {
    for (const c of gather(state).clients) {
      if (c.pongsReceived + c.inTransit + c.abandoned !== c.pingsSent) {
        throw new Error(`${c.id}: ${c.pongsReceived} pongs + ${c.inTransit} in transit + ${c.abandoned} abandoned != ${c.pingsSent} pings sent`);
      }
    }
  }
}

@Invariant('per-server in transit == pings received - pongs sent')
export class ServerInTransit {
  check(state: StateSnapshot): void {
    for (const s of gather(state).servers) {
      if (s.inTransit !== s.pingsReceived - s.pongsSent) throw new Error(`${s.address}: in transit ${s.inTransit} != ${s.pingsReceived} - ${s.pongsSent}`);
    }
  }
}

export const PING_PONG_INVARIANTS = [
  PingsReceivedBounded, PongsSentBounded, PongsReceivedBounded, PerPeerSums, ClientConservation, ServerInTransit,
];
