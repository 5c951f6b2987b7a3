// The ping-pong protocol and the counters each process publishes to the StateRegistry.

export interface Ping {
  client: string;
  seq: number;
}

export interface Pong {
  server: string;
  client: string;
  seq: number;
}

export interface ServerStats {
  pingsReceived: number;
  pongsSent: number;
  /** Pings received and not yet answered. */
  inTransit: number;
  /** Pings received per client address. */
  receivedFrom: Record<string, number>;
}

export interface ClientStats {
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

export const serverKey = (address: string) => `ping-pong/server/${address}`;
export const clientKey = (address: string) => `ping-pong/client/${address}`;
