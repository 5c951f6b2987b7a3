// The same calls on NodeNetworkProvider: real sockets, real timers, node:http unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { createHttpServer } from './http-server.js';
import { httpAgent } from './http-agent.js';
import { send } from './http.test-support.js';
import { simFetch } from './sim-fetch.js';

test('createHttpServer, httpAgent and simFetch on real sockets: keep-alive, JSON both ways, refused connects', async () => {
  const network = new NodeNetworkProvider();
  const store = new Map<string, unknown>();
  const server = await createHttpServer(network, '127.0.0.1:0', (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'PUT') store.set(request.url as string, JSON.parse(body));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ key: request.url, value: store.get(request.url as string) ?? null }));
    });
  });
  let connections = 0;
  server.server.on('connection', () => connections++);
  const agent = httpAgent(network);
  const fetch = simFetch(network, { agent });
  try {
    assert.match(server.address, /^127\.0\.0\.1:\d+$/);
    const put = await send(`http://${server.address}/a`, { method: 'PUT', agent }, JSON.stringify({ n: 1 }));
    assert.deepEqual(JSON.parse(put.body), { key: '/a', value: { n: 1 } });
    assert.ok(Math.abs(Date.parse(put.headers.date as string) - Date.now()) < 60_000, `a real Date header outside a seed: ${put.headers.date}`);
    const got = await fetch(`http://${server.address}/a`);
    assert.equal(got.status, 200);
    assert.deepEqual(await got.json(), { key: '/a', value: { n: 1 } });
    assert.equal(connections, 1, 'the second request reused the first connection');
    const closedPort = await network.listen('127.0.0.1:0');
    closedPort.close();
    const refused = await fetch(`http://${closedPort.address}/`).then(
      () => undefined,
      (error: TypeError & { cause: { code: string; message: string } }) => error,
    );
    assert.equal(refused?.message, 'fetch failed');
    assert.equal(refused?.cause.code, 'ECONNREFUSED');
    assert.equal(refused?.cause.message, `connect ECONNREFUSED ${closedPort.address}`);
  } finally {
    agent.destroy();
    await server.close();
  }
  assert.equal(server.connectionCount, 0);
});
