// The guard and node:http: a request that would open a real socket fails the seed at its call
// site; one through httpAgent() runs, in both guard modes; a response's Date header reads the
// simulated clock; AbortSignal.timeout(), which an HTTP client hands to fetch, runs on it too.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { NondeterminismError, RealWorkError } from '../core/errors.js';
import { SIM_EPOCH_MS } from '../core/guard.js';
import { runInWorld } from '../core/run-world.js';
import { TaskScope } from '../core/task-scope.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { createHttpServer } from './http-server.js';
import { httpAgent } from './http-agent.js';
import { send, SERVER } from './http.test-support.js';

for (const guard of ['virtualize', 'reject'] as const) {
  test(`${guard}: http.request and http.get without httpAgent fail the seed at their call site, naming the fix`, async () => {
    for (const call of [() => http.request('http://10.0.0.1:8080/'), () => http.get('http://10.0.0.1:8080/', { agent: new http.Agent() })]) {
      await assert.rejects(
        runInWorld({ seed: 1, guard }, () => {
          call();
        }),
        (error: unknown) => {
          assert.ok(error instanceof RealWorkError, String(error));
          assert.match(error.api, /^http\.(request|get)\(\)$/);
          assert.match(error.callSite, /http-guard\.test\.ts:\d+:\d+$/);
          assert.match(error.message, /pass \{ agent: httpAgent\(network\) \} \(or use simFetch\(network\)\)/);
          return true;
        },
      );
    }
  });
}

test('reject: a server and a client through httpAgent run, and the Date header is the simulated wall clock', async () => {
  const dates: string[] = [];
  await runInWorld({ seed: 2, guard: 'reject' }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    await world
      .spawn('server', () =>
        createHttpServer(network.provider('10.0.0.1'), SERVER, (request, response) => {
          if (request.url === '/own-date') response.setHeader('date', 'Thu, 01 Jan 1970 00:00:00 GMT');
          if (request.url === '/no-date') response.sendDate = false;
          response.end();
        }),
        false,
        new TaskScope('server'),
      )
      .join();
    await world
      .spawn(
        'client',
        async () => {
          const agent = httpAgent(network.provider('10.0.0.2'));
          const ask = async (path: string) => String((await send(`http://${SERVER}${path}`, { agent })).headers.date);
          dates.push(await ask('/'));
          await new Promise<void>((resolve) => world.schedule(61_000, 'test-wait', resolve));
          dates.push(await ask('/'), await ask('/own-date'), await ask('/no-date'));
        },
        false,
        new TaskScope('client'),
      )
      .join();
  });
  assert.equal(Date.parse(dates[0]), SIM_EPOCH_MS);
  assert.equal(Date.parse(dates[1]), SIM_EPOCH_MS + 61_000);
  assert.deepEqual(dates.slice(2), ['Thu, 01 Jan 1970 00:00:00 GMT', 'undefined']);
});

test('AbortSignal.timeout() aborts on simulated time (virtualize) or fails the seed at its call site (reject)', async () => {
  let aborted: { atMs: number; reason: string } | undefined;
  await runInWorld({ seed: 3 }, async (world) => {
    const signal = AbortSignal.timeout(250);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    aborted = { atMs: world.nowMs, reason: (signal.reason as DOMException).name };
  });
  assert.deepEqual(aborted, { atMs: 250, reason: 'TimeoutError' });
  await assert.rejects(
    runInWorld({ seed: 3, guard: 'reject' }, () => {
      AbortSignal.timeout(250);
    }),
    (error: unknown) => error instanceof NondeterminismError && error.api === 'AbortSignal.timeout()' && /http-guard\.test\.ts:\d+:\d+$/.test(error.callSite),
  );
});
