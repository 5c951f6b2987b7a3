/** A bidirectional byte stream (TCP-like): FIFO, no duplication; EOF is `null` from read().
 * Reading is pulled: bytes nobody reads wait in a receive buffer, and once about a send buffer's
 * worth is unread the peer's write() stays pending (flow control). A reader applies
 * backpressure by not calling read(). */
export interface Connection {
  readonly localAddress: string;
  readonly remoteAddress: string;
  /** Next chunk of bytes, or null once the peer closed its side (FIN). Rejects on reset. */
  read(): Promise<Uint8Array | null>;
  /** Queues bytes for the peer; rejects if the connection is closed or reset. */
  write(bytes: Uint8Array): Promise<void>;
  /** Graceful close (FIN): the peer reads null after the bytes already written. */
  close(): void;
  /** Abortive close (RST): both sides' pending and future operations fail. */
  reset(): void;
  readonly closed: boolean;
}

/** A listening socket. */
export interface Listener {
  readonly address: string;
  /** Next inbound connection; rejects once the listener is closed. */
  accept(): Promise<Connection>;
  close(): void;
}

/** Networking as the application sees it: `host:port` addresses, simulated or real TCP. */
export abstract class NetworkProvider {
  abstract listen(address: string): Promise<Listener>;
  abstract connect(address: string): Promise<Connection>;
}

/** Splits `host:port`, rejecting anything else with a clear error. */
export function parseAddress(address: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(address);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) {
    throw new RangeError(`invalid address "${address}": expected host:port, for example 10.0.0.1:4500`);
  }
  return { host: match[1], port };
}
