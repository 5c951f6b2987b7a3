import { connect, createServer } from 'node:net';
import { NodeConnection } from './node-connection.js';
import { toNetworkError } from './node-errors.js';
import { NodeListener } from './node-listener.js';
import { NetworkProvider, parseAddress } from '../providers/network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';

/** Real TCP over node:net (production and `--real` mode). Connections allow half-open use, as
 * in the simulation: after close() an end still reads until the peer's FIN. With a `life`
 * (`--real`), killing it closes every listener and resets every connection opened through this
 * provider, and none of their operations (nor a pending listen or connect) settles afterwards:
 * the port is free for the process's next incarnation. */
export class NodeNetworkProvider extends NetworkProvider {
  constructor(private readonly life?: ProcessLife) {
    super();
  }

  /** Port 0 picks a free port; the listener's `address` reports the real one. */
  listen(address: string): Promise<NodeListener> {
    const life = this.life;
    if (life === undefined) return this.bind(address);
    return life.alive ? life.guard(this.bind(address)) : life.never();
  }

  connect(address: string): Promise<NodeConnection> {
    const life = this.life;
    if (life === undefined) return this.open(address);
    return life.alive ? life.guard(this.open(address)) : life.never();
  }

  private async bind(address: string): Promise<NodeListener> {
    const { host, port } = parseAddress(address);
    const server = createServer({ allowHalfOpen: true });
    // Killed while binding: the server closes, and the guard keeps listen() pending.
    const forget = this.life?.onKill(() => server.close());
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(toNetworkError(error, address));
        server.once('error', onError);
        server.listen({ host, port }, () => {
          server.off('error', onError);
          resolve();
        });
      });
    } finally {
      forget?.();
    }
    if (this.life?.alive === false) {
      server.close();
      return this.life.never();
    }
    const bound = server.address();
    const boundPort = typeof bound === 'object' && bound !== null ? bound.port : port;
    return new NodeListener(server, `${host}:${boundPort}`, this.life);
  }

  private async open(address: string): Promise<NodeConnection> {
    const { host, port } = parseAddress(address);
    return new Promise<NodeConnection>((resolve, reject) => {
      const socket = connect({ host, port, allowHalfOpen: true });
      // Killed while connecting: the attempt is abandoned (the connection, once made, resets itself).
      const forget = this.life?.onKill(() => socket.destroy());
      const onError = (error: Error) => {
        forget?.();
        reject(toNetworkError(error, address));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        forget?.();
        socket.off('error', onError);
        resolve(new NodeConnection(socket, this.life));
      });
    });
  }
}
