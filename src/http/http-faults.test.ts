// Each network fault family that reaches HTTP, as code written for node:http sees it: the
// error code in the http.request 'error' callback (ECONNRESET, EPIPE, ETIMEDOUT, ECONNREFUSED,
// a parser's HPE_*), or a request's 'timeout' (then destroyed: ECONNRESET, 'socket hang up').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FaultFamily, NetworkConfig } from '../network/network-config.js';
import { createHttpServer } from './http-server.js';
import { httpAgent } from './http-agent.js';
import { inSeed, send, SERVER, SERVER_IP, withFault } from './http.test-support.js';

const REQUESTS = 40;

interface Outcome {
  /** 'ok', 'status <n>', 'wrong body', or the error's code. */
  kind: string;
  message: string;
}

interface Traffic {
  /** Each request's `timeout` option. */
  timeoutMs?: number;
  /** A connection per request (for the connect faults) instead of keep-alive. */
  connectEach?: boolean;
}

/** REQUESTS sequential POSTs to an echo server, over `config`. */
async function outcomes(config: NetworkConfig, seed: number, { timeoutMs = 5_000, connectEach = false }: Traffic): Promise<Outcome[]> {
  const { value } = await inSeed(seed, config, async (scene) => {
    await scene.inServer(() =>
      createHttpServer(scene.serverNetwork, SERVER, async (request, response) => {
        let body = '';
        try {
          for await (const chunk of request) body += chunk;
        } catch {
          return;
        }
        response.end(body);
      }),
    );
    return scene.inClient(async () => {
      const agent = httpAgent(scene.clientNetwork, { keepAlive: !connectEach });
      const results: Outcome[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const body = `request number ${i} `.repeat(20);
        try {
          const reply = await send(`http://${SERVER}/echo`, { method: 'POST', agent, timeout: timeoutMs }, body);
          const kind = reply.status !== 200 ? `status ${reply.status}` : reply.body === body ? 'ok' : 'wrong body';
          results.push({ kind, message: '' });
        } catch (error) {
          const { code, message } = error as { code?: string; message: string };
          results.push({ kind: code ?? 'no code', message });
        }
      }
      return results;
    });
  });
  return value;
}

/** The outcome kinds of a few seeds, counted. */
async function tally(family: FaultFamily, config: NetworkConfig, traffic: Traffic = {}): Promise<Map<string, string[]>> {
  const kinds = new Map<string, string[]>();
  for (const seed of [1, 2, 3]) {
    for (const { kind, message } of await outcomes(config, seed, traffic)) {
      kinds.set(kind, [...(kinds.get(kind) ?? []), message]);
    }
  }
  assert.ok(kinds.has('ok'), `${family}: some requests still succeed (${[...kinds.keys()].join(', ')})`);
  return kinds;
}

function only(kinds: Map<string, string[]>, allowed: string[], family: string): void {
  const others = [...kinds.keys()].filter((kind) => !allowed.includes(kind));
  assert.deepEqual(others, [], `${family}: unexpected outcomes ${others.map((k) => `${k} (${kinds.get(k)?.[0]})`).join(', ')}`);
}

test('connectionReset: ECONNRESET in the request callback', async () => {
  const kinds = await tally('connectionReset', withFault('connectionReset', 0.05));
  assert.ok(kinds.has('ECONNRESET'), [...kinds.keys()].join(', '));
  assert.ok(kinds.get('ECONNRESET')?.some((m) => m === 'read ECONNRESET' || m === 'socket hang up'));
  only(kinds, ['ok', 'ECONNRESET', 'EPIPE'], 'connectionReset');
});

test('connectionClose: EPIPE when the request is written to a closed end, ECONNRESET (socket hang up) when the FIN comes first', async () => {
  const kinds = await tally('connectionClose', withFault('connectionClose', 0.05));
  assert.ok(kinds.has('EPIPE') || kinds.has('ECONNRESET'), [...kinds.keys()].join(', '));
  only(kinds, ['ok', 'ECONNRESET', 'EPIPE'], 'connectionClose');
  for (const message of kinds.get('EPIPE') ?? []) assert.equal(message, 'write EPIPE');
});

test('connectFail: ETIMEDOUT from connect', async () => {
  const kinds = await tally('connectFail', withFault('connectFail', 0.2, { min: 10, max: 100 }), { connectEach: true });
  assert.ok(kinds.get('ETIMEDOUT')?.every((m) => m === `connect ETIMEDOUT ${SERVER}`), [...kinds.keys()].join(', '));
  only(kinds, ['ok', 'ETIMEDOUT'], 'connectFail');
});

// The request's `timeout` covers the connect (the socket is `connecting`): the request is
// destroyed in its 'timeout' handler, and node:http reports 'socket hang up'.
for (const family of ['connectHang', 'partition', 'isolate', 'oneWayPartition', 'writeClog', 'readClog'] as const) {
  test(`${family}: the request times out and is destroyed, ECONNRESET (socket hang up)`, async () => {
    const kinds = await tally(family, withFault(family, 0.1, { min: 200, max: 1_000 }), { timeoutMs: 100, connectEach: family === 'connectHang' });
    assert.ok(kinds.get('ECONNRESET')?.some((m) => m === 'socket hang up'), `${family}: ${[...kinds.keys()].join(', ')}`);
    only(kinds, ['ok', 'ECONNRESET'], family);
  });
}

test('bitFlip: a corrupted byte is a parse error (HPE_*) on the client, a 400 from the server, or a body that differs', async () => {
  const kinds = await tally('bitFlip', withFault('bitFlip', 0.05));
  const corrupted = [...kinds.keys()].filter((kind) => kind.startsWith('HPE_') || kind === 'status 400' || kind === 'wrong body');
  assert.ok(corrupted.length > 0, [...kinds.keys()].join(', '));
  only(kinds, ['ok', 'ECONNRESET', ...corrupted], 'bitFlip');
});

test('partialRead and partialWrite: split reads and writes never show; every request succeeds', async () => {
  for (const family of ['partialRead', 'partialWrite'] as const) {
    const kinds = await tally(family, withFault(family, 0.5));
    only(kinds, ['ok'], family);
  }
});

test('a stopped server: ECONNRESET for the connection it had, ECONNREFUSED for the next', async () => {
  const { value } = await inSeed(4, 'perfect', async (scene) => {
    await scene.inServer(() =>
      createHttpServer(scene.serverNetwork, SERVER, (request, response) => {
        if (request.url === '/hang') return; // never answered: the crash comes first
        response.end('ok');
      }),
    );
    const agent = await scene.inClient(() => httpAgent(scene.clientNetwork));
    const hanging = scene.inClient(() => send(`http://${SERVER}/hang`, { agent }).then(() => 'ok', (error: Error & { code: string }) => `${error.code} ${error.message}`));
    await scene.time.sleep(10);
    scene.network.stopHost(SERVER_IP);
    const inFlight = await hanging;
    const refused = await scene.inClient(() => send(`http://${SERVER}/`, { agent }).then(() => 'ok', (error: Error & { code: string }) => `${error.code} ${error.message}`));
    return { inFlight, refused };
  });
  assert.deepEqual(value, { inFlight: 'ECONNRESET read ECONNRESET', refused: `ECONNREFUSED connect ECONNREFUSED ${SERVER}` });
});

test('a host name in a seed: ENOTFOUND, as a lookup that found nothing (a seed has no DNS)', async () => {
  const { value } = await inSeed(5, 'perfect', async (scene) => {
    const agent = await scene.inClient(() => httpAgent(scene.clientNetwork));
    return scene.inClient(() => send('http://localhost:8080/', { agent }).then(() => 'ok', (error: Error & Record<string, unknown>) => ({ message: error.message, code: error.code, syscall: error.syscall, hostname: error.hostname })));
  });
  assert.deepEqual(value, { message: 'getaddrinfo ENOTFOUND localhost', code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'localhost' });
});
