import type { Server, Socket } from 'node:net';
import { ListenerClosedError, type NetworkError } from '../providers/network-errors.js';
import type { Listener } from '../providers/network-provider.js';
import { deferred, type Deferred } from './deferred.js';
import { Fifo } from './fifo.js';
import { NodeConnection } from './node-connection.js';
import { toNetworkError } from './node-errors.js';

/** A real listening socket: connections queue until accept() takes them. */
export class NodeListener implements Listener {
  private readonly backlog = new Fifo<NodeConnection>();
  private readonly acceptors = new Fifo<Deferred<NodeConnection>>();
  private failure: NetworkError | undefined;

  constructor(
    private readonly server: Server,
    readonly address: string,
  ) {
    server.on('connection', (socket: Socket) => this.onConnection(socket));
    server.on('error', (error) => this.fail(toNetworkError(error, address)));
  }

  accept(): Promise<NodeConnection> {
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
    this.fail(new ListenerClosedError(this.address));
    this.server.close();
    for (const connection of this.backlog.drain()) connection.reset();
  }

  private onConnection(socket: Socket): void {
    if (this.failure !== undefined) return void socket.resetAndDestroy();
    const connection = new NodeConnection(socket);
    const acceptor = this.acceptors.shift();
    if (acceptor !== undefined) acceptor.resolve(connection);
    else this.backlog.push(connection);
  }

  private fail(error: NetworkError): void {
    this.failure ??= error;
    for (const acceptor of this.acceptors.drain()) acceptor.reject(this.failure);
  }
}
