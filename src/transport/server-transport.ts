import { parseAddress, type Connection, type Listener, type NetworkProvider } from '../providers/network-provider.js';
import { FrameKind, type DecodedFrame } from './frame.js';
import { IncomingRequest } from './incoming-request.js';
import { Mailbox } from './mailbox.js';
import { PeerConnection } from './peer-connection.js';
import { resolveServerMaxFrameBytes, type ServerTransportOptions } from './transport-options.js';
import { resolveTransportProviders, type TransportProviders } from './transport-providers.js';
import { copyStats, emptyStats, type TransportStats } from './transport-stats.js';
import { WireError } from './wire-errors.js';

/**
 * The server end of a typed request/response transport: accepts any number of connections,
 * each with its own read loop, and queues their requests for tryNextMessage(). Requests are
 * decoded msgpack (prototype-safe plain data), typed as `Req` but not validated.
 *
 * Providers: `tasks` (read loops) and the rest in the options win; any left out defaults to
 * the running simulation's when listen() is called while a seed runs, and to the Node providers
 * otherwise. So the same code runs in both.
 */
export class ServerTransport<Req, Res> {
  private readonly counters = emptyStats();
  private readonly inbox: Mailbox<IncomingRequest<Req, Res>>;
  /** Live connections in accept order. */
  private readonly connections = new Set<PeerConnection>();

  private constructor(
    private readonly listener: Listener,
    private readonly providers: TransportProviders,
    private readonly maxFrameBytes: number,
  ) {
    this.inbox = new Mailbox(`tryNextMessage() on ${listener.address}`);
  }

  static async listen<Req, Res>(
    network: NetworkProvider,
    address: string,
    options: ServerTransportOptions = {},
  ): Promise<ServerTransport<Req, Res>> {
    parseAddress(address);
    const maxFrameBytes = resolveServerMaxFrameBytes(address, options);
    const providers = resolveTransportProviders(options);
    const listener = await network.listen(address);
    const server = new ServerTransport<Req, Res>(listener, providers, maxFrameBytes);
    providers.tasks.spawn(`transport-accept ${address}`, () => server.acceptLoop());
    return server;
  }

  get address(): string {
    return this.listener.address;
  }

  /** The next request from any client, or null once the server is closed. */
  tryNextMessage(): Promise<IncomingRequest<Req, Res> | null> {
    return this.inbox.take();
  }

  stats(): TransportStats {
    return copyStats(this.counters);
  }

  /** Stops listening, closes every connection and answers waiting tryNextMessage() calls with null. */
  close(): void {
    if (this.inbox.closed) return;
    this.inbox.close();
    this.listener.close();
    for (const connection of [...this.connections]) connection.close();
  }

  private async acceptLoop(): Promise<void> {
    for (;;) {
      let conn: Connection;
      try {
        conn = await this.listener.accept();
      } catch {
        // accept() rejects once the listener is closed: by close(), or under us.
        this.close();
        return;
      }
      if (this.inbox.closed) {
        conn.close();
        return;
      }
      this.adopt(conn);
    }
  }

  private adopt(conn: Connection): void {
    this.counters.connections++;
    const connection = new PeerConnection(
      conn,
      this.counters,
      {
        onFrame: (frame, peer) => this.onFrame(frame, peer),
        onClosed: (peer, _error, unsent) => {
          this.connections.delete(peer);
          this.counters.droppedResponses += unsent.length;
        },
      },
      this.maxFrameBytes,
    );
    this.connections.add(connection);
    connection.start(this.providers.tasks, `transport-read ${this.address}<-${connection.peer}`);
  }

  private onFrame(frame: DecodedFrame, peer: PeerConnection): void {
    if (frame.kind !== FrameKind.Request) {
      this.counters.wireErrors.malformed++;
      peer.abort(new WireError('malformed', `client ${peer.peer} sent a frame of kind ${frame.kind}, which servers never accept`));
      return;
    }
    this.inbox.put(new IncomingRequest<Req, Res>(frame.payload as Req, frame.correlationId, peer, this.counters, this.maxFrameBytes));
  }
}
