import { currentWorld } from '../core/current.js';
import { parseAddress, type Connection, type Listener, type NetworkProvider } from '../providers/network-provider.js';
import { BufferBudget } from './buffer-budget.js';
import type { IncomingRequest } from './incoming-request.js';
import { Mailbox } from './mailbox.js';
import { ServerConnection, type ServerContext } from './server-connection.js';
import { resolveServerOptions, type ResolvedServerOptions, type ServerTransportOptions } from './transport-options.js';
import { resolveTransportProviders, type TransportProviders } from './transport-providers.js';
import { copyStats, emptyStats, type TransportStats } from './transport-stats.js';

const NO_WORK = (): void => undefined;

/**
 * The server end of a typed request/response transport: accepts up to connectionsMax
 * connections, each with its own read loop, and hands their requests to tryNextMessage()
 * round-robin across connections. Requests are decoded msgpack (prototype-safe plain data),
 * typed as `Req` but not validated. What it holds for its peers is bounded (the options'
 * limits): a connection over a limit stops being read until it drains.
 *
 * Providers: `tasks` (read loops), `time` (stall timeouts) and the rest in the options
 * win; any left out defaults to the running simulation's when listen() is called while a seed
 * runs, and to the Node providers otherwise. So the same code runs in both.
 */
export class ServerTransport<Req, Res> {
  private readonly counters = emptyStats();
  private readonly inbox: Mailbox<IncomingRequest<Req, Res>>;
  /** Live connections in accept order. */
  private readonly connections = new Set<ServerConnection<Req, Res>>();
  private readonly context: ServerContext<Req, Res>;

  private constructor(
    private readonly listener: Listener,
    private readonly providers: TransportProviders,
    private readonly limits: ResolvedServerOptions,
    optionsTime: TransportProviders['time'] | undefined,
  ) {
    this.inbox = new Mailbox(`tryNextMessage() on ${listener.address}`);
    const world = optionsTime === undefined ? currentWorld() : undefined;
    this.context = {
      limits,
      stats: this.counters,
      mailbox: this.inbox,
      budget: new BufferBudget(this.counters, limits.bufferedBytesMax),
      stallTimeouts: {
        partialFrameMs: limits.partialFrameTimeoutMs,
        writeMs: limits.replyStallTimeoutMs,
        time: providers.time,
        world,
      },
      // What was waiting runs first: in a seed a sleep of 0 ms (an event at the same time); in
      // Node a task that does nothing, started on setImmediate, after the pending I/O (a 0 ms
      // timer would wait a whole millisecond).
      endTurn: world !== undefined ? () => providers.time.sleep(0) : () => providers.tasks.spawn('transport-turn', NO_WORK).join(),
      closed: (connection) => {
        this.connections.delete(connection);
        this.counters.connectionsOpen = this.connections.size;
      },
    };
  }

  static async listen<Req, Res>(
    network: NetworkProvider,
    address: string,
    options: ServerTransportOptions = {},
  ): Promise<ServerTransport<Req, Res>> {
    parseAddress(address);
    const limits = resolveServerOptions(address, options);
    const providers = resolveTransportProviders(options);
    const listener = await network.listen(address);
    const server = new ServerTransport<Req, Res>(listener, providers, limits, options.time);
    providers.tasks.spawn(`transport-accept ${address}`, () => server.acceptLoop());
    return server;
  }

  get address(): string {
    return this.listener.address;
  }

  /** The next request, taking one from each connection with requests waiting in turn, or null
   * once the server is closed. */
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
    for (const connection of [...this.connections]) connection.connection.close();
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
      if (this.connections.size >= this.limits.connectionsMax) {
        // A reset frees the socket at once; a FIN would leave it open until the peer's.
        this.counters.connectionsRefused++;
        conn.reset();
        continue;
      }
      this.adopt(conn);
    }
  }

  private adopt(conn: Connection): void {
    this.counters.connections++;
    const connection = new ServerConnection<Req, Res>(conn, this.context);
    this.connections.add(connection);
    this.counters.connectionsOpen = this.connections.size;
    connection.connection.start(this.providers.tasks, `transport-read ${this.address}<-${connection.peer}`);
  }
}
