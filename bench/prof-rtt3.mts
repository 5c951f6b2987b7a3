import { runInWorld } from '../src/core/run-world.js';
import { resolveNetworkConfig, SimNetwork } from '../src/network/index.js';
import { ClientTransport } from '../src/transport/client-transport.js';
import { ServerTransport } from '../src/transport/server-transport.js';
const SERVER = '10.0.0.1:4500';
const kinds = new Map<string, number>();
const r = await runInWorld({ seed: 1 }, async (world) => {
  world.onAfterEvent((w) => kinds.set(w.currentKind, (kinds.get(w.currentKind) ?? 0) + 1));
  const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
  const server = await ServerTransport.listen<number, number>(network.provider('10.0.0.1'), SERVER);
  world.spawn('echo-server', async () => { for (let m = await server.tryNextMessage(); m !== null; m = await server.tryNextMessage()) m.respond(m.request); });
  const client = await ClientTransport.connect<number, number>(network.provider('10.0.0.2'), SERVER);
  for (let i = 0; i < 1000; i++) await client.request(i);
  client.close(); server.close();
});
console.log(r.events / 1000, [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 10));
