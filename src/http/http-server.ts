import type { IncomingMessage, RequestListener, Server, ServerOptions, ServerResponse } from 'node:http';
import { ListenerClosedError } from '../providers/network-errors.js';
import type { Connection, Listener, NetworkProvider } from '../providers/network-provider.js';
import { HttpServerConnection } from './http-server-connection.js';
import { nodeHttp } from './node-http.js';
import { NodeSocket } from './node-socket.js';
import { checkNetwork } from './provider-checks.js';
import { SocketWorld } from './socket-world.js';

/** http.createServer's listener; it may be async (its rejection fails the seed). */
type AsyncRequestListener = (...args: Parameters<RequestListener>) => unknown;

/**
 * A node:http server on a provider's listener (see createHttpServer): node:http's own parser,
 * IncomingMessage and ServerResponse, over connections accepted from `network`.
 */
export class HttpServer {
  /** The address it listens on (a port 0 asked for is the one chosen). */
  readonly address: string;
  private readonly world = SocketWorld.current();
  // Keyed by socket (a request names its socket as a net.Socket).
  private readonly connections = new Map<object, HttpServerConnection>();
  private closing: Promise<void> | undefined = undefined;
  private closed: (() => void) | undefined = undefined;
  private accepting = true;

  constructor(
    private readonly listener: Listener,
    /** The node:http server: its options (keepAliveTimeout, headersTimeout, requestTimeout,
     * maxHeaderSize...) and events ('clientError', 'checkContinue', 'upgrade'...) are node:http's. */
    readonly server: Server,
    requestListener: AsyncRequestListener,
  ) {
    this.address = listener.address;
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.connections.get(request.socket)?.onRequest(request, response);
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const result: unknown = requestListener(request, response);
      // An async handler's rejection fails the seed (in production it is unhandled, as on a
      // plain http.Server).
      if (result instanceof Promise) result.catch((error: unknown) => this.world.report(error));
    });
    void this.acceptLoop();
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Stops listening, closes idle connections at once and the others once their requests in
   * flight are answered (with `Connection: close`), then resolves and emits the server's 'close'.
   */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.closing = new Promise<void>((resolve) => (this.closed = resolve));
    this.listener.close();
    for (const connection of [...this.connections.values()]) connection.close();
    this.settle();
    return this.closing;
  }

  private async acceptLoop(): Promise<void> {
    for (;;) {
      let connection: Connection;
      try {
        connection = await this.listener.accept();
      } catch (error) {
        if (!(error instanceof ListenerClosedError) && this.closing === undefined) this.world.guard(() => this.server.emit('error', error));
        break;
      }
      this.admit(connection);
    }
    this.accepting = false;
    this.settle();
  }

  private admit(connection: Connection): void {
    // node:http's own listening server allows half-open sockets: it ends them itself.
    const socket = new NodeSocket(connection, { allowHalfOpen: true });
    const tracked = new HttpServerConnection(socket, this.server, this.world);
    this.connections.set(socket, tracked);
    socket.once('close', () => {
      this.connections.delete(socket);
      this.settle();
    });
    this.world.guard(() => this.server.emit('connection', socket));
    if (this.closing !== undefined) tracked.close();
  }

  /** Resolves close() once nothing is accepted and every connection is gone. */
  private settle(): void {
    const closed = this.closed;
    if (closed === undefined || this.accepting || this.connections.size > 0) return;
    this.closed = undefined;
    closed();
    this.world.guard(() => this.server.emit('close'));
  }
}

/**
 * A node:http server for `listener` on `address` through `network`: in a seed on the simulated
 * network and simulated time (node:http's parser and responses, keep-alive, pipelining, its
 * keepAliveTimeout, headersTimeout and requestTimeout), on NodeNetworkProvider on real sockets,
 * so a topology's HTTP service runs unchanged under `--real` and in production. `options` are
 * http.createServer()'s. The handle's `address` is where it listens; `close()` stops it (see
 * HttpServer.close), `server` is the node:http server.
 */
export async function createHttpServer(network: NetworkProvider, address: string, listener: AsyncRequestListener, options: ServerOptions = {}): Promise<HttpServer> {
  checkNetwork(`createHttpServer(network, "${address}", listener)`, network);
  if (typeof listener !== 'function') {
    throw new TypeError(`createHttpServer(network, "${address}", listener): the listener must be a function (request, response) => ..., as http.createServer's; got ${typeof listener}.`);
  }
  const server = nodeHttp().createServer(options);
  return new HttpServer(await network.listen(address), server, listener);
}
