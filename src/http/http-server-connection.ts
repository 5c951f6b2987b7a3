import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NodeSocket } from './node-socket.js';
import { TIMER_SLACK_MS, type SocketTimer, type SocketWorld } from './socket-world.js';

/** The request a connection is receiving: since its first byte, and once its headers are in. */
interface Receiving {
  startMs: number;
  request: IncomingMessage | undefined;
}

/**
 * One connection of an HttpServer: what node:http's connection list does for a listening
 * server, which a server fed its connections through 'connection' does not have. It enforces
 * the server's `headersTimeout` (from a request's first byte to the end of its headers) and
 * `requestTimeout` (to the end of its body) in the socket's world, answering 408 and closing as
 * node:http does (read from the server when checked, so changing them later applies); and it
 * knows when the connection is idle, for close().
 */
export class HttpServerConnection {
  private receiving: Receiving | undefined = undefined;
  /** Responses not yet closed, in order. */
  private readonly responses = new Set<ServerResponse>();
  private deadline: SocketTimer | undefined = undefined;
  private closeWhenIdle = false;

  /** Register before the server sees the socket: the first bytes of a request reach this
   * listener before node:http's parser. */
  constructor(
    readonly socket: NodeSocket,
    private readonly server: Server,
    private readonly world: SocketWorld,
  ) {
    socket.on('data', this.onData);
    socket.once('close', () => this.deadline?.cancel());
  }

  /** No request being received or answered. */
  get idle(): boolean {
    return this.responses.size === 0 && !this.receivingNow();
  }

  /** The server emitted 'request' for this connection. */
  onRequest(request: IncomingMessage, response: ServerResponse): void {
    // A pipelined request parsed from bytes that came with the one before starts now.
    if (this.receiving === undefined || this.receiving.request !== undefined) this.begin(request);
    else this.receiving.request = request;
    this.responses.add(response);
    if (this.closeWhenIdle) response.shouldKeepAlive = false;
    response.once('close', () => {
      this.responses.delete(response);
      if (this.closeWhenIdle && this.idle) this.socket.destroy();
    });
  }

  /** The server is closing: close now if idle, else once the requests in flight are answered
   * (their responses, if not begun, say `Connection: close`). */
  close(): void {
    this.closeWhenIdle = true;
    for (const response of this.responses) if (!response.headersSent) response.shouldKeepAlive = false;
    if (this.idle) this.socket.destroy();
  }

  private receivingNow(): boolean {
    return this.receiving !== undefined && this.receiving.request?.complete !== true;
  }

  private readonly onData = (): void => {
    if (!this.receivingNow()) this.begin(undefined);
  };

  private begin(request: IncomingMessage | undefined): void {
    this.receiving = { startMs: this.world.nowMs(), request };
    // One timer at a time: one set for an earlier request goes off no later than this one's
    // deadline, and re-arms for it.
    if (this.deadline === undefined) this.armDeadline();
  }

  /** The earliest timeout of the request being received, if any applies. */
  private armDeadline(): void {
    const receiving = this.receiving as Receiving;
    const { headersTimeout, requestTimeout } = this.server;
    let atMs = Infinity;
    if (receiving.request === undefined && headersTimeout > 0) atMs = receiving.startMs + headersTimeout;
    if (requestTimeout > 0) atMs = Math.min(atMs, receiving.startMs + requestTimeout);
    if (atMs === Infinity) return;
    this.deadline = this.world.after(Math.max(0, atMs - this.world.nowMs()), this.onDeadline);
  }

  private readonly onDeadline = (): void => {
    this.deadline = undefined;
    if (this.socket.destroyed || !this.receivingNow()) return;
    const receiving = this.receiving as Receiving;
    const { headersTimeout, requestTimeout } = this.server;
    const elapsedMs = this.world.nowMs() - receiving.startMs + TIMER_SLACK_MS;
    const late = (receiving.request === undefined && headersTimeout > 0 && elapsedMs >= headersTimeout) || (requestTimeout > 0 && elapsedMs >= requestTimeout);
    if (!late) return this.armDeadline();
    // node:http's own path for an expired request: its socket error handler answers 408 (or the
    // server's 'clientError' listeners decide) and destroys the socket.
    const error = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    this.world.guard(() => this.socket.emit('error', error));
    if (!this.socket.destroyed) this.socket.destroy();
  };
}
