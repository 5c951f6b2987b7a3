import { parseAddress, type Connection, type NetworkProvider } from '../providers/network-provider.js';
import { Connector } from './connector.js';
import { CorrelationTable, type PendingRequest } from './correlation-table.js';
import { encodeFrame, FrameKind, type DecodedFrame } from './frame.js';
import { PeerConnection, type OutboundFrame } from './peer-connection.js';
import { resolveRequestDeadlines, type StartDeadline } from './request-deadline.js';
import {
  ConnectionLostError, MaybeDeliveredError, RemoteError, RequestTimeoutError, SendQueueFullError, TransportClosedError,
} from './transport-errors.js';
import { resolveClientOptions, type ClientTransportOptions, type ResolvedClientOptions } from './transport-options.js';
import { resolveTransportProviders, type TransportProviders } from './transport-providers.js';
import { copyStats, emptyStats, type TransportStats } from './transport-stats.js';
import { WireError } from './wire-errors.js';

export interface RequestOptions {
  /** Defaults to the client's requestTimeoutMs. */
  timeoutMs?: number;
}

/**
 * The client end of a typed request/response transport. request() drives everything itself:
 * it connects on demand, reconnects after a loss with exponential backoff and jitter (the first
 * connection attempt of a client is immediate, every later one waits), writes frames with
 * automatic correlation ids and settles with the reply or a typed TransportError.
 *
 * Providers: `time`, `random` and `tasks` in the options win; any left out defaults to the
 * running simulation's (logical time, its tasks, its `network` RNG stream) when connect() is
 * called while a seed runs, and to the Node providers otherwise. So the same code runs in both.
 */
export class ClientTransport<Req, Res> {
  private readonly table = new CorrelationTable<Res>();
  private readonly counters = emptyStats();
  private readonly connector: Connector;
  private waiting: PendingRequest<Res>[] = [];
  private connection: PeerConnection | undefined;
  private closed = false;

  private constructor(
    network: NetworkProvider,
    readonly address: string,
    private readonly options: ResolvedClientOptions,
    private readonly providers: TransportProviders,
    private readonly startDeadline: StartDeadline,
  ) {
    this.connector = new Connector(network, address, options, providers, this.counters, {
      wanted: () => this.waiting.some((entry) => !entry.settled),
      connected: (conn) => this.adopt(conn),
      gaveUp: (attempts, error) => {
        const lost = new ConnectionLostError(address, attempts, error);
        for (const entry of this.waiting.splice(0)) entry.reject(lost);
      },
    });
  }

  /** A client of the server at `address`; the first connection attempt starts at once, in the
   * background (a server that is not up yet is retried by the first request). */
  static async connect<Req, Res>(
    network: NetworkProvider,
    address: string,
    options: ClientTransportOptions = {},
  ): Promise<ClientTransport<Req, Res>> {
    parseAddress(address);
    const providers = resolveTransportProviders(options);
    const deadlines = resolveRequestDeadlines(options.time, providers.time);
    const client = new ClientTransport<Req, Res>(network, address, resolveClientOptions(address, options), providers, deadlines);
    client.connector.ensure();
    return client;
  }

  request(request: Req, options?: RequestOptions): Promise<Res> {
    const timeoutMs = options?.timeoutMs ?? this.options.requestTimeoutMs;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      return Promise.reject(new RangeError(`request to ${this.address}: timeoutMs must be a finite number > 0, got ${String(timeoutMs)}`));
    }
    if (this.closed) return Promise.reject(new TransportClosedError(`the client transport to ${this.address}`));
    if (this.table.unwritten >= this.options.sendQueueMax) {
      return Promise.reject(new SendQueueFullError(this.address, this.options.sendQueueMax));
    }
    let entry: PendingRequest<Res>;
    try {
      entry = this.table.create((id) => encodeFrame(FrameKind.Request, id, request, this.options.frameBytesMax));
    } catch (error) {
      return Promise.reject(error);
    }
    this.dispatch(entry);
    entry.timeoutMs = timeoutMs;
    entry.deadline = this.startDeadline(entry, timeoutMs, this.expire);
    return entry.promise;
  }

  stats(): TransportStats {
    return copyStats(this.counters);
  }

  /** Fails every unsettled request with a TransportClosedError and closes the connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connector.stop();
    this.connection?.close();
    this.waiting = [];
    const error = new TransportClosedError(`the client transport to ${this.address}`);
    for (const entry of this.table.values()) entry.reject(error);
  }

  private dispatch(entry: PendingRequest<Res>): void {
    if (this.connection !== undefined) {
      this.sendOn(this.connection, entry);
      return;
    }
    // Drop withdrawn entries before the array outgrows the queue bound.
    if (this.waiting.length >= this.options.sendQueueMax) this.waiting = this.waiting.filter((e) => !e.settled);
    this.waiting.push(entry);
    this.connector.ensure();
  }

  private adopt(conn: Connection): void {
    if (++this.counters.connections > 1) this.counters.reconnects++;
    const connection = new PeerConnection(
      conn,
      this.counters,
      { onFrame: (frame, peer) => this.onFrame(frame, peer), onClosed: (peer, error, unsent) => this.onLost(peer, error, unsent) },
      { frameBytesMax: this.options.frameBytesMax },
    );
    this.connection = connection;
    connection.start(this.providers.tasks, `transport-read ${conn.localAddress}->${this.address}`);
    for (const entry of this.waiting.splice(0)) {
      if (!entry.settled && connection.open) this.sendOn(connection, entry);
    }
  }

  private sendOn(connection: PeerConnection, entry: PendingRequest<Res>): void {
    entry.connection = connection;
    entry.framesReceivedAtSend = connection.framesReceived;
    connection.send(entry);
  }

  // Created once per client rather than per request.
  private readonly expire = (entry: PendingRequest<Res>): void => {
    // The reply may have settled the entry between the timer firing and this call.
    if (entry.settled) return;
    entry.reject(new RequestTimeoutError(this.address, entry.timeoutMs, entry.written));
    this.resetIfStalled(entry, entry.timeoutMs);
  };

  /** No frame at all since a timed-out request was sent: the peer went silent, or a corrupted
   * length prefix makes the decoder wait for bytes that never come. Only a reset unblocks it. */
  private resetIfStalled(entry: PendingRequest<Res>, timeoutMs: number): void {
    const connection = entry.connection;
    if (!entry.written || connection === undefined || !connection.open || connection.framesReceived !== entry.framesReceivedAtSend) return;
    this.counters.stalledConnections++;
    connection.abort(new Error(`no frame from ${this.address} for ${timeoutMs} ms while a request waited: the connection is presumed stalled`));
  }

  private onFrame(frame: DecodedFrame, peer: PeerConnection): void {
    const entry = this.table.get(frame.correlationId);
    if (frame.kind !== FrameKind.Response && frame.kind !== FrameKind.ErrorResponse) {
      this.counters.wireErrors.malformed++;
      peer.abort(new WireError('malformed', `server ${this.address} sent a frame of kind ${frame.kind}, which clients never accept`));
    } else if (entry === undefined) {
      this.counters.lateResponses++;
    } else if (entry.connection !== peer || !entry.written) {
      this.counters.wireErrors.malformed++;
      peer.abort(new WireError('malformed', `server ${this.address} answered correlation id ${frame.correlationId}, never sent on this connection`));
    } else {
      this.connector.healthy();
      if (frame.kind === FrameKind.Response) entry.resolve(frame.payload as Res);
      else entry.reject(new RemoteError(this.address, String(frame.payload)));
    }
  }

  /** Unwritten requests wait for the next connection; written ones may have been applied. */
  private onLost(peer: PeerConnection, error: unknown, unsent: OutboundFrame[]): void {
    if (this.connection === peer) this.connection = undefined;
    if (this.closed) return;
    const requeued = (unsent as PendingRequest<Res>[]).filter((entry) => !entry.settled);
    for (const entry of requeued) entry.connection = undefined;
    this.waiting = [...requeued, ...this.waiting];
    for (const entry of this.table.values()) {
      if (entry.connection === peer && entry.written) entry.reject(new MaybeDeliveredError(this.address, error));
    }
    if (this.waiting.length > 0) this.connector.ensure();
  }
}
