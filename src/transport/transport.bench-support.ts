import { realGlobals } from '../core/real-globals.js';
import { runInWorld } from '../core/run-world.js';
import { TaskScope } from '../core/task-scope.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { ClientTransport } from './client-transport.js';
import { ServerTransport } from './server-transport.js';

const SERVER = '10.0.0.1:4500';

/** Request/response round trips per second of wall-clock time: one client, one echo server,
 * `rounds` sequential requests through a `perfect` SimNetwork inside a SimWorld (seed 1). Each
 * side runs in a scope of its own, as a topology's processes do. */
export async function rttPerSec(rounds: number): Promise<number> {
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new RangeError(`rttPerSec(${rounds}): rounds must be a positive integer`);
  let elapsedMs = 0;
  await runInWorld({ seed: 1 }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const serverScope = new TaskScope('server');
    const server = await world
      .spawn('server', () => ServerTransport.listen<number, number>(network.provider('10.0.0.1'), SERVER), false, serverScope)
      .join();
    world.spawn('echo-server', async () => {
      for (let m = await server.tryNextMessage(); m !== null; m = await server.tryNextMessage()) m.respond(m.request);
    }, false, serverScope);
    const client = world.spawn('client', async () => {
      const transport = await ClientTransport.connect<number, number>(network.provider('10.0.0.2'), SERVER);
      const startMs = realGlobals.performanceNow();
      for (let i = 0; i < rounds; i++) {
        const reply = await transport.request(i);
        if (reply !== i) throw new Error(`rttPerSec: request ${i} got reply ${reply} (seed 1)`);
      }
      elapsedMs = realGlobals.performanceNow() - startMs;
      transport.close();
    }, false, new TaskScope('client'));
    await client.join();
    server.close();
  });
  return rounds / (elapsedMs / 1000);
}
