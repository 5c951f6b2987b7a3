// Free TCP ports on 127.0.0.1 for --real runs (a real run never uses another address).
import { createServer, type Server } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** `count` distinct free loopback ports: all held open at once so none is handed out twice, then released. */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen({ host: LOOPBACK, port: 0 }, () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
