// The ping-pong protocol and the counters each process publishes to the StateRegistry.

export interface Ping {
  /** The client incarnation's id (`address/incarnation`): a rebooted client counts afresh. */
  client: string;
  seq: number;
}

export interface Pong {
  server: string;
  client: string;
  seq: number;
}

export interface ServerStats {
  address: string;
  pingsReceived: number;
  pongsSent: number;
  /** Pings received and not yet answered. */
  inTransit: number;
  /** Pings received per client id. */
  receivedFrom: Record<string, number>;
}

export interface ClientStats {
  /** `address/incarnation`. */
  id: string;
  pingsSent: number;
  pongsReceived: number;
  /** Requests awaiting their reply right now. */
  inTransit: number;
  /** Requests that ended in a typed error (timeout, connection lost, maybe delivered). */
  abandoned: number;
  /** Pings sent per server address. */
  sentTo: Record<string, number>;
  /** Pongs received per server address. */
  receivedFrom: Record<string, number>;
}

// One entry per incarnation: a rebooted process counts from zero in a new entry, and the dead
// incarnation's entry stays, frozen, as the record of what it did (registry entries survive a
// crash). The invariants add them all up.
export const SERVER_PREFIX = 'ping-pong/server/';
export const CLIENT_PREFIX = 'ping-pong/client/';
export const serverKey = (address: string, incarnation: number) => `${SERVER_PREFIX}${address}/${incarnation}`;
export const clientKey = (address: string, incarnation: number) => `${CLIENT_PREFIX}${address}/${incarnation}`;
