import type { Connection, NetworkProvider } from '../providers/network-provider.js';

function described(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object' && typeof value !== 'function') return `${typeof value} ${String(value)}`;
  return (value as object).constructor?.name ?? 'an object';
}

/** Throws a TypeError naming `api` and the fix unless `network` is a NetworkProvider. */
export function checkNetwork(api: string, network: unknown): asserts network is NetworkProvider {
  const candidate = network as Partial<NetworkProvider> | null | undefined;
  if (typeof candidate?.listen === 'function' && typeof candidate.connect === 'function') return;
  throw new TypeError(
    `${api}: the first argument must be a NetworkProvider (listen() and connect()), got ${described(network)}. ` +
      'In a workload, inject it with @Inject(NetworkProvider); elsewhere pass new NodeNetworkProvider() (real sockets) or a SimNetwork\'s provider(ip).',
  );
}

/** Throws a TypeError naming the fix unless `connection` is a provider's Connection. */
export function checkConnection(connection: unknown): asserts connection is Connection {
  const candidate = connection as Partial<Connection> | null | undefined;
  const methods = ['read', 'write', 'close', 'reset'] as const;
  if (methods.every((name) => typeof candidate?.[name] === 'function') && typeof candidate?.localAddress === 'string' && typeof candidate.remoteAddress === 'string') return;
  throw new TypeError(
    `toNodeSocket(connection): expected a Connection from a NetworkProvider (what listener.accept() or network.connect() resolve to: read(), write(), close(), reset(), localAddress, remoteAddress), got ${described(connection)}. ` +
      'Await the accept() or connect() promise first.',
  );
}
