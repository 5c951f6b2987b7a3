import { connect, createServer } from 'node:net';
import { NodeConnection } from '../network/node-connection.js';
import { toNetworkError } from '../network/node-errors.js';
import { NodeListener } from '../network/node-listener.js';
import { NetworkProvider, parseAddress } from './network-provider.js';

/** Real TCP over node:net (production and `--real` mode). Connections allow half-open use, as
 * in the simulation: after close() an end still reads until the peer's FIN. */
export class NodeNetworkProvider extends NetworkProvider {
  /** Port 0 picks a free port; the listener's `address` reports the real one. */
  async listen(address: string): Promise<NodeListener> {
    const { host, port } = parseAddress(address);
    const server = createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(toNetworkError(error, address));
      server.once('error', onError);
      server.listen({ host, port }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    const bound = server.address();
    const boundPort = typeof bound === 'object' && bound !== null ? bound.port : port;
    return new NodeListener(server, `${host}:${boundPort}`);
  }

  async connect(address: string): Promise<NodeConnection> {
    const { host, port } = parseAddress(address);
    return new Promise<NodeConnection>((resolve, reject) => {
      const socket = connect({ host, port, allowHalfOpen: true });
      const onError = (error: Error) => reject(toNetworkError(error, address));
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(new NodeConnection(socket));
      });
    });
  }
}
