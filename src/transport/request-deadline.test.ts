import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { ClientTransport } from './client-transport.js';
import { ServerTransport } from './server-transport.js';
import { RequestTimeoutError } from './transport-errors.js';

const SERVER = '10.0.0.1:4500';

test('in a seed a request deadline is a named wait of its task, withdrawn by the reply, firing at its time otherwise', async () => {
  await runInWorld({ seed: 3 }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const time = new SimTimeProvider(world);
    const server = await ServerTransport.listen<string, string>(network.provider('10.0.0.1'), SERVER);
    const client = await ClientTransport.connect<string, string>(network.provider('10.0.0.2'), SERVER);
    const asker = world.spawn('asker', () => client.request('ping', { timeoutMs: 700 }));
    const message = await server.tryNextMessage();
    assert.deepEqual(asker.describeWaits(), ['timeout(700 ms)']);
    const queued = world.pendingEvents;
    message?.respond('pong');
    assert.equal(await asker.join(), 'pong');
    assert.deepEqual(asker.describeWaits(), []);
    assert.ok(world.pendingEvents < queued, 'the answered request left no timeout event behind');

    const sentAt = world.nowMs;
    await assert.rejects(client.request('unanswered', { timeoutMs: 250 }), (e: unknown) => e instanceof RequestTimeoutError && e.written);
    assert.equal(world.nowMs, sentAt + 250);
    await time.sleep(1);
    client.close();
    server.close();
  });
});

test('a time provider passed in the options runs the request timeouts', async () => {
  await runInWorld({ seed: 4 }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const timeouts: number[] = [];
    class CountingTime extends SimTimeProvider {
      override timeout<T>(ms: number, promise: Promise<T>): Promise<T> {
        timeouts.push(ms);
        return super.timeout(ms, promise);
      }
    }
    const server = await ServerTransport.listen<string, string>(network.provider('10.0.0.1'), SERVER);
    const client = await ClientTransport.connect<string, string>(network.provider('10.0.0.2'), SERVER, { time: new CountingTime(world) });
    const answered = client.request('a', { timeoutMs: 300 });
    (await server.tryNextMessage())?.respond('b');
    assert.equal(await answered, 'b');
    await assert.rejects(client.request('c', { timeoutMs: 400 }), RequestTimeoutError);
    // Besides the connect attempt's timeout, one per request.
    assert.ok(timeouts.includes(300) && timeouts.includes(400), `timeouts: ${timeouts.join(', ')}`);
    client.close();
    server.close();
  });
});
