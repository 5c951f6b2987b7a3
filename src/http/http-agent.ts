import type { Agent, AgentOptions, ClientRequestArgs } from 'node:http';
import { isIP } from 'node:net';
import { markProviderAgent } from '../core/guard-http.js';
import type { NetworkProvider } from '../providers/network-provider.js';
import { nodeHttp } from './node-http.js';
import { notFoundError } from './errno-error.js';
import { NodeSocket } from './node-socket.js';
import { checkNetwork } from './provider-checks.js';
import { SocketWorld } from './socket-world.js';

/**
 * An `http.Agent` whose connections go through `network` (simulated in a seed, real sockets on
 * NodeNetworkProvider), for `http.request(url, { agent }, ...)` and `http.get`. It keeps
 * connections alive between requests by default (`keepAlive: true`); every other option is
 * node:http's (`maxSockets`, `maxFreeSockets`, `timeout`, `scheduling`...). A socket is
 * `connecting` until the provider's connect() settles, so a request's `timeout` covers the
 * connect, and a failed connect is the request's 'error' with node:net's code (ECONNREFUSED,
 * ETIMEDOUT; ENOTFOUND for a host name in a seed, which has no DNS). Inside a seed the guard
 * lets http.request() and http.get() through with this agent only.
 */
export function httpAgent(network: NetworkProvider, options: AgentOptions = {}): Agent {
  checkNetwork('httpAgent(network)', network);
  const agent = new (nodeHttp().Agent)({ keepAlive: true, ...options });
  agent.createConnection = (request: ClientRequestArgs) => {
    if (request.socketPath !== undefined) {
      throw new RangeError(`httpAgent: socketPath ${request.socketPath} is not reachable through a NetworkProvider: give host and port (an address of the topology).`);
    }
    const host = request.host ?? 'localhost';
    const address = `${host}:${request.port ?? 80}`;
    // A seed has no DNS: a name fails as a lookup that found nothing (on real sockets, the
    // provider resolves it).
    const connection = isIP(host) === 0 && SocketWorld.current().simulated ? Promise.reject(notFoundError(host)) : network.connect(address);
    return new NodeSocket(connection, { allowHalfOpen: false }, address);
  };
  markProviderAgent(agent);
  return agent;
}
