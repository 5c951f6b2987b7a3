// Malformed HTTP from a raw connection: createHttpServer answers it as node:http does (the
// same bytes as a plain http.createServer().listen() server: 400 or 431, then the connection
// closed) on the simulated network and on real sockets, never stalls, and serves the next
// client as before.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Connection, NetworkProvider } from '../providers/network-provider.js';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { createHttpServer } from './http-server.js';
import { inSeed, SERVER } from './http.test-support.js';

const BAD_INPUTS: { name: string; bytes: string; status: RegExp }[] = [
  { name: 'a bad request line', bytes: 'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n', status: /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/ },
  { name: 'an unknown method', bytes: 'FROB / HTTP/1.1\r\nHost: x\r\n\r\n', status: /^HTTP\/1\.1 400 Bad Request\r\n/ },
  { name: 'oversized headers', bytes: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: /^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n$/ },
  { name: 'invalid chunked encoding', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n', status: /^HTTP\/1\.1 400 Bad Request\r\n/ },
  {
    name: 'a body longer than its Content-Length',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc<the rest of a body>\r\n\r\n',
    // The excess is parsed as the next request, in the same read: its parse error closes the
    // connection before the first request's answer went out.
    status: /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/,
  },
];

/** The one handler of every server here: echoes the method and the body. */
function handler(request: http.IncomingMessage, response: http.ServerResponse): void {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
  request.on('end', () => response.end(`${request.method} ${body}`));
  request.on('error', () => undefined);
}

/** Writes `bytes` on a new connection and reads until the server closes it. The Date header is
 * dropped: it is the only line that differs between runs. */
async function exchange(network: NetworkProvider, address: string, bytes: string): Promise<{ text: string; closed: string }> {
  const connection: Connection = await network.connect(address);
  await connection.write(Buffer.from(bytes, 'latin1'));
  let text = '';
  let closed = 'FIN';
  try {
    for (let chunk = await connection.read(); chunk !== null; chunk = await connection.read()) text += Buffer.from(chunk).toString('latin1');
  } catch (error) {
    closed = (error as { code: string }).code;
  }
  connection.close();
  return { text: text.replace(/Date: [^\r]*\r\n/, ''), closed };
}

/** A plain node:http server on a real port: the reference. */
async function reference(bytes: string): Promise<{ text: string; closed: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await exchange(new NodeNetworkProvider(), `127.0.0.1:${(server.address() as AddressInfo).port}`, bytes);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('malformed requests are answered as node:http answers them, on the simulated network and on real sockets', async () => {
  const real = new NodeNetworkProvider();
  const onReal = await createHttpServer(real, '127.0.0.1:0', handler);
  try {
    for (const { name, bytes, status } of BAD_INPUTS) {
      const expected = await reference(bytes);
      assert.match(expected.text, status, `${name}: the reference server's answer`);
      assert.deepEqual(await exchange(real, onReal.address, bytes), expected, `${name}: createHttpServer on real sockets`);
      const { value: simulated } = await inSeed(31, 'perfect', async (scene) => {
        await scene.inServer(() => createHttpServer(scene.serverNetwork, SERVER, handler));
        const answer = await scene.inClient(() => exchange(scene.clientNetwork, SERVER, bytes));
        // The server goes on serving.
        const next = await scene.inClient(() => exchange(scene.clientNetwork, SERVER, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        return { answer, next };
      });
      assert.deepEqual(simulated.answer, expected, `${name}: createHttpServer in a seed`);
      assert.match(simulated.next.text, /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nGET $/, `${name}: the next client is served`);
    }
  } finally {
    await onReal.close();
  }
});
