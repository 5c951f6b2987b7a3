import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { TaskFailedError } from '../core/errors.js';
import { SIM_EPOCH_MS } from '../core/guard.js';
import type { Connection, NetworkProvider } from '../providers/network-provider.js';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { createHttpServer } from './http-server.js';
import { httpAgent } from './http-agent.js';
import { httpRequestsPerSec } from './http.bench-support.js';
import { toNodeSocket } from './node-socket.js';
import { inSeed, send, SERVER, type Scene } from './http.test-support.js';

/** A server answering `<method> <url> <body>`, after `delayMs` of simulated time when asked
 * (?delay=N). A request cut short (its iterator throws 'aborted') is dropped: an async handler
 * that lets it through fails the seed, as its unhandled rejection would crash a real server. */
function echoServer(scene: Scene, options: http.ServerOptions = {}) {
  return scene.inServer(() =>
    createHttpServer(
      scene.serverNetwork,
      SERVER,
      async (request, response) => {
        let body = '';
        try {
          for await (const chunk of request) body += chunk;
        } catch {
          return;
        }
        const delayMs = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('delay') ?? 0);
        if (delayMs > 0) await scene.time.sleep(delayMs);
        response.setHeader('content-type', 'text/plain');
        response.end(`${request.method} ${request.url} ${body}`);
      },
      options,
    ),
  );
}

/** What a raw connection reads until the server closes it, with the time the close came. */
async function readUntilClosed(scene: Scene, connection: Connection): Promise<{ text: string; closedAtMs: number; how: string }> {
  let text = '';
  for (;;) {
    let chunk: Uint8Array | null;
    try {
      chunk = await connection.read();
    } catch (error) {
      return { text, closedAtMs: scene.world.nowMs, how: (error as { code: string }).code };
    }
    if (chunk === null) return { text, closedAtMs: scene.world.nowMs, how: 'FIN' };
    text += Buffer.from(chunk).toString('latin1');
  }
}

test('keep-alive: sequential requests share one connection, with node:http headers and a simulated Date', async () => {
  const { value } = await inSeed(11, 'default', async (scene) => {
    const server = await echoServer(scene);
    let connections = 0;
    server.server.on('connection', () => connections++);
    const replies = await scene.inClient(async () => {
      const agent = httpAgent(scene.clientNetwork);
      const out = [];
      for (let i = 0; i < 5; i++) out.push({ reply: await send(`http://${SERVER}/item/${i}`, { method: 'PUT', agent }, `v${i}`), atMs: scene.world.nowMs });
      agent.destroy();
      return out;
    });
    await scene.inServer(() => server.close());
    return { replies, connections };
  });
  assert.equal(value.connections, 1, 'the agent kept its one connection alive');
  value.replies.forEach(({ reply, atMs }, i) => {
    assert.equal(reply.status, 200);
    assert.equal(reply.body, `PUT /item/${i} v${i}`);
    assert.equal(reply.headers.connection, 'keep-alive');
    assert.equal(reply.headers['keep-alive'], 'timeout=5');
    const date = Date.parse(reply.headers.date as string);
    assert.ok(date >= SIM_EPOCH_MS && date <= SIM_EPOCH_MS + atMs, `Date ${reply.headers.date} is the simulated wall clock`);
  });
});

test('pipelining: two requests in one write are answered in order on the connection', async () => {
  const { value } = await inSeed(12, 'perfect', async (scene) => {
    const server = await echoServer(scene);
    const text = await scene.inClient(async () => {
      const connection = await scene.clientNetwork.connect(SERVER);
      const request = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
      // The first is slow: the second must still come back after it.
      await connection.write(Buffer.from(request('/first?delay=50') + request('/second', 'Connection: close\r\n')));
      return (await readUntilClosed(scene, connection)).text;
    });
    await scene.inServer(() => server.close());
    return text;
  });
  const bodies = [...value.matchAll(/GET \/\S+ /g)].map((m) => m[0]);
  assert.deepEqual(bodies, ['GET /first?delay=50 ', 'GET /second ']);
  assert.match(value, /^HTTP\/1\.1 200 OK\r\n/);
});

test('keepAliveTimeout closes an idle connection on simulated time, as node:http times it', async () => {
  const { value } = await inSeed(13, 'perfect', async (scene) => {
    await echoServer(scene, { keepAliveTimeout: 2_000 });
    return scene.inClient(async () => {
      const connection = await scene.clientNetwork.connect(SERVER);
      await connection.write(Buffer.from('GET /a HTTP/1.1\r\nHost: x\r\n\r\n'));
      const answered = await connection.read();
      const answeredAtMs = scene.world.nowMs;
      const closed = await readUntilClosed(scene, connection);
      return { answered: Buffer.from(answered as Uint8Array).toString(), idleMs: closed.closedAtMs - answeredAtMs, how: closed.how };
    });
  });
  assert.match(value.answered, /Keep-Alive: timeout=2\r\n/);
  // node:http waits its advertised timeout plus a 1 s margin; the FIN takes a delivery.
  assert.ok(value.idleMs >= 3_000 && value.idleMs < 3_001, `closed after ${value.idleMs} ms idle`);
  assert.equal(value.how, 'FIN');
});

test('headersTimeout and requestTimeout answer 408 and close, on simulated time', async () => {
  const { value } = await inSeed(14, 'perfect', async (scene) => {
    await echoServer(scene, { headersTimeout: 1_000, requestTimeout: 4_000 });
    return scene.inClient(async () => {
      const slowHeaders = await scene.clientNetwork.connect(SERVER);
      const startMs = scene.world.nowMs;
      await slowHeaders.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n'));
      const headers = await readUntilClosed(scene, slowHeaders);
      const slowBody = await scene.clientNetwork.connect(SERVER);
      const bodyStartMs = scene.world.nowMs;
      await slowBody.write(Buffer.from('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345'));
      const body = await readUntilClosed(scene, slowBody);
      return { headers, headersMs: headers.closedAtMs - startMs, body, bodyMs: body.closedAtMs - bodyStartMs };
    });
  });
  for (const outcome of [value.headers, value.body]) {
    assert.match(outcome.text, /^HTTP\/1\.1 408 Request Timeout\r\nConnection: close\r\n\r\n$/);
    assert.equal(outcome.how, 'FIN');
  }
  assert.ok(value.headersMs >= 1_000 && value.headersMs < 1_001, `headers timed out after ${value.headersMs} ms`);
  assert.ok(value.bodyMs >= 4_000 && value.bodyMs < 4_001, `the request timed out after ${value.bodyMs} ms`);
});

test('close(): idle connections close at once, a request in flight is answered with Connection: close, then no one is accepted', async () => {
  const { value } = await inSeed(15, 'perfect', async (scene) => {
    const server = await echoServer(scene);
    let closeEvents = 0;
    server.server.on('close', () => closeEvents++);
    const idle = await scene.inClient(() => scene.clientNetwork.connect(SERVER));
    const agent = await scene.inClient(() => httpAgent(scene.clientNetwork));
    const inFlight = scene.inClient(() => send(`http://${SERVER}/slow?delay=100`, { agent }));
    await scene.time.sleep(20);
    const closing = scene.inServer(() => server.close());
    const idleOutcome = await scene.inClient(() => readUntilClosed(scene, idle));
    const reply = await inFlight;
    await closing;
    const after = await scene.inClient(() => send(`http://${SERVER}/`, { agent }).then(() => 'answered', (error: { code: string }) => error.code));
    return { idleOutcome, reply, closeEvents, after, connections: server.connectionCount };
  });
  assert.deepEqual({ text: value.idleOutcome.text, how: value.idleOutcome.how }, { text: '', how: 'FIN' });
  assert.equal(value.reply.body, 'GET /slow?delay=100 ');
  assert.equal(value.reply.headers.connection, 'close');
  assert.equal(value.closeEvents, 1);
  assert.equal(value.after, 'ECONNREFUSED');
  assert.equal(value.connections, 0);
});

test('a request handler that throws fails the seed with its error', async () => {
  await assert.rejects(
    inSeed(16, 'perfect', async (scene) => {
      await scene.inServer(() =>
        createHttpServer(scene.serverNetwork, SERVER, async () => {
          throw new Error('handler bug');
        }),
      );
      const agent = await scene.inClient(() => httpAgent(scene.clientNetwork));
      void scene.inClient(() => send(`http://${SERVER}/`, { agent }).catch(() => undefined));
      await scene.time.sleep(1_000);
    }),
    (error: unknown) => error instanceof TaskFailedError && (error.cause as Error).message === 'handler bug',
  );
});

test('the same seed replays the same HTTP exchange under hostile, event for event', async () => {
  const scenario = (seed: number) =>
    inSeed(seed, 'hostile', async (scene) => {
      await echoServer(scene, { keepAliveTimeout: 300 });
      return scene.inClient(async () => {
        const agent = httpAgent(scene.clientNetwork, { timeout: 2_000 });
        const outcomes: string[] = [];
        for (let i = 0; i < 20; i++) {
          outcomes.push(await send(`http://${SERVER}/${i}?delay=${(i * 37) % 400}`, { method: 'POST', agent }, `body ${i}`).then((r) => r.body, (error: { code: string }) => error.code));
        }
        return outcomes;
      });
    });
  for (const seed of [21, 22, 23]) {
    const [first, second] = [await scenario(seed), await scenario(seed)];
    assert.deepEqual(second.value, first.value);
    assert.equal(second.run.traceHash, first.run.traceHash, `seed ${seed}: same events`);
    assert.equal(second.run.handedOutHash, first.run.handedOutHash);
  }
});

test('httpRequestsPerSec (the bench) runs its requests through the perfect network, and rejects a bad count', async () => {
  const rate = await httpRequestsPerSec(200);
  assert.ok(Number.isFinite(rate) && rate > 0, `rate ${rate}`);
  await assert.rejects(httpRequestsPerSec(0), RangeError);
});

test('misuse gets one clear paragraph naming the call and the fix', async () => {
  const network = new NodeNetworkProvider();
  await assert.rejects(createHttpServer(undefined as unknown as NetworkProvider, SERVER, () => undefined), /^TypeError: createHttpServer\(network, "10\.0\.0\.1:8080", listener\): the first argument must be a NetworkProvider \(listen\(\) and connect\(\)\), got undefined\. In a workload, inject it with @Inject\(NetworkProvider\)/);
  await assert.rejects(createHttpServer(network, '127.0.0.1:0', 'handler' as unknown as http.RequestListener), /the listener must be a function \(request, response\) => \.\.\., as http\.createServer's; got string/);
  await assert.rejects(createHttpServer(network, 'no-port', () => undefined), /invalid address "no-port": expected host:port/);
  assert.throws(() => httpAgent({} as NetworkProvider), /^TypeError: httpAgent\(network\): the first argument must be a NetworkProvider \(listen\(\) and connect\(\)\), got Object/);
  const unawaited = network.connect('127.0.0.1:9');
  unawaited.catch(() => undefined);
  assert.throws(() => toNodeSocket(unawaited as unknown as Connection), /^TypeError: toNodeSocket\(connection\): expected a Connection from a NetworkProvider .* got Promise\. Await the accept\(\) or connect\(\) promise first\.$/);
});
