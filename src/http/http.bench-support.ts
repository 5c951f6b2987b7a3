import http from 'node:http';
import { realGlobals } from '../core/real-globals.js';
import { runInWorld } from '../core/run-world.js';
import { TaskScope } from '../core/task-scope.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { httpAgent } from './http-agent.js';
import { createHttpServer } from './http-server.js';

const SERVER = '10.0.0.1:8080';

/** One GET on a kept-alive connection: resolves with the response body. */
function get(agent: http.Agent, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(`http://${SERVER}${path}`, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
  });
}

/** node:http requests per second of wall-clock time: one client (http.get through a keep-alive
 * httpAgent), one server (createHttpServer answering the path back), `rounds` sequential
 * requests through a `perfect` SimNetwork inside a SimWorld (seed 1), each side in a scope of
 * its own as a topology's processes are: the transport's rttPerSec, over HTTP. */
export async function httpRequestsPerSec(rounds: number): Promise<number> {
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new RangeError(`httpRequestsPerSec(${rounds}): rounds must be a positive integer`);
  let elapsedMs = 0;
  await runInWorld({ seed: 1 }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const server = await world
      .spawn('server', () => createHttpServer(network.provider('10.0.0.1'), SERVER, (request, response) => response.end(request.url)), false, new TaskScope('server'))
      .join();
    const client = world.spawn('client', async () => {
      const agent = httpAgent(network.provider('10.0.0.2'));
      const startMs = realGlobals.performanceNow();
      for (let i = 0; i < rounds; i++) {
        const body = await get(agent, `/${i}`);
        if (body !== `/${i}`) throw new Error(`httpRequestsPerSec: request ${i} got ${JSON.stringify(body)} (seed 1)`);
      }
      elapsedMs = realGlobals.performanceNow() - startMs;
      agent.destroy();
    }, false, new TaskScope('client'));
    await client.join();
    await server.close();
  });
  return rounds / (elapsedMs / 1000);
}
