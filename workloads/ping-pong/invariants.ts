import { Invariant, type StateSnapshot } from 'moonpool';
import type { ClientStats, ServerStats } from './messages.js';

// The seven message-accounting detectors of the reference design, checked after every event.

function collect(state: StateSnapshot) {
  const servers: [string, ServerStats][] = [];
  const clients: [string, ClientStats][] = [];
  for (const [key, value] of state.entries()) {
    if (key.startsWith('ping-pong/server/')) servers.push([key.slice(17), value as ServerStats]);
    else if (key.startsWith('ping-pong/client/')) clients.push([key.slice(17), value as ClientStats]);
  }
  const sum = <T>(xs: [string, T][], f: (x: T) => number) => xs.reduce((total, [, x]) => total + f(x), 0);
  const values = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return { servers, clients, sum, values };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

@Invariant('pings received <= pings sent')
export class PingsReceivedBounded {
  check(state: StateSnapshot): void {
    const { servers, clients, sum } = collect(state);
    const received = sum(servers, (s) => s.pingsReceived);
    const sent = sum(clients, (c) => c.pingsSent);
    check(received <= sent, `servers received ${received} pings but clients sent only ${sent}`);
  }
}

@Invariant('pongs sent <= pings received')
export class PongsSentBounded {
  check(state: StateSnapshot): void {
    for (const [address, s] of collect(state).servers) {
      check(s.pongsSent <= s.pingsReceived, `${address} sent ${s.pongsSent} pongs for ${s.pingsReceived} pings`);
    }
  }
}

@Invariant('pongs received <= pongs sent and <= pings sent')
export class PongsReceivedBounded {
  check(state: StateSnapshot): void {
    const { servers, clients, sum } = collect(state);
    const received = sum(clients, (c) => c.pongsReceived);
    const sent = sum(servers, (s) => s.pongsSent);
    const pings = sum(clients, (c) => c.pingsSent);
    check(received <= sent, `clients received ${received} pongs but servers sent only ${sent}`);
    check(received <= pings, `clients received ${received} pongs for ${pings} pings`);
  }
}

@Invariant('per-peer sums equal totals')
export class PerPeerSums {
  check(state: StateSnapshot): void {
    const { servers, clients, values } = collect(state);
    for (const [address, c] of clients) {
      check(values(c.sentTo) === c.pingsSent, `${address}: per-server pings ${values(c.sentTo)} != total ${c.pingsSent}`);
      check(values(c.receivedFrom) === c.pongsReceived, `${address}: per-server pongs ${values(c.receivedFrom)} != total ${c.pongsReceived}`);
    }
    for (const [address, s] of servers) {
      check(values(s.receivedFrom) === s.pingsReceived, `${address}: per-client pings ${values(s.receivedFrom)} != total ${s.pingsReceived}`);
      for (const [client, count] of Object.entries(s.receivedFrom)) {
        const sent = clients.find(([a]) => a === client)?.[1].sentTo[address] ?? 0;
        check(count <= sent, `${address} received ${count} pings from ${client}, which sent it only ${sent}`);
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
        `${address}: ${c.pongsReceived} pongs + ${c.inTransit} in transit + ${c.abandoned} abandoned != ${c.pingsSent} pings sent`,
      );
    }
  }
}

@Invariant('per-server in transit == pings received - pongs sent')
export class ServerInTransit {
  check(state: StateSnapshot): void {
    for (const [address, s] of collect(state).servers) {
      check(s.inTransit === s.pingsReceived - s.pongsSent, `${address}: in transit ${s.inTransit} != ${s.pingsReceived} - ${s.pongsSent}`);
    }
  }
}

export const PING_PONG_INVARIANTS = [
  PingsReceivedBounded, PongsSentBounded, PongsReceivedBounded, PerPeerSums, ClientConservation, ServerInTransit,
];
