import type { Server, Socket } from 'node:net';
import { ListenerClosedError, type NetworkError } from '../providers/network-errors.js';
import type { Listener } from '../providers/network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';
import { deferred, type Deferred } from './deferred.js';
import { Fifo } from './fifo.js';
import { NodeConnection } from './node-connection.js';
import { toNetworkError } from './node-errors.js';

/** A real listening socket: connections queue until accept() takes them. With a `life`
 * (`--real`), killing it closes the listener (the port is free again) and resets every
 * connection it accepted; no accept() settles afterwards. */
export class NodeListener implements Listener {
  private readonly backlog = new Fifo<NodeConnection>();
  private readonly acceptors = new Fifo<Deferred<NodeConnection>>();
  private failure: NetworkError | undefined;
  private readonly forgetLife: (() => void) | undefined;

  constructor(
    private readonly server: Server,
    readonly address: string,
    private readonly life?: ProcessLife,
  ) {
    server.on('connection', (socket: Socket) => this.onConnection(socket));
    server.on('error', (error) => this.fail(toNetworkError(error, address)));
    this.forgetLife = life?.onKill(() => this.close());
  }

  accept(): Promise<NodeConnection> {
    return this.life === undefined ? this.acceptNow() : this.life.guard(this.acceptNow());
  }

  private acceptNow(): Promise<NodeConnection> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const ready = this.backlog.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    const acceptor = deferred<NodeConnection>();
    this.acceptors.push(acceptor);
    return acceptor.promise;
  }

  /** Stops listening: pending accepts reject, queued connections are reset, the port is free. */
  close(): void {
    if (this.failure instanceof ListenerClosedError) return;
    this.forgetLife?.();
    this.fail(new ListenerClosedError(this.address));
    this.server.close();
    for (const connection of this.backlog.drain()) connection.reset();
  }

  private onConnection(socket: Socket): void {
    if (this.failure !== undefined) return void socket.resetAndDestroy();
    const connection = new NodeConnection(socket, this.life);
    const acceptor = this.acceptors.shift();
    if (acceptor !== undefined) acceptor.resolve(connection);
    else this.backlog.push(connection);
  }

  private fail(error: NetworkError): void {
    this.failure ??= error;
    for (const acceptor of this.acceptors.drain()) acceptor.reject(this.failure);
  }
}
