import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { networkPreset, resolveNetworkConfig, type NetworkPresetName } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import type { NetworkConfig } from '../network/network-config.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { ClientTransport } from './client-transport.js';
import { assertAccounting, runEcho, type EchoResult, type Outcome } from './echo.test-support.js';
import { ServerTransport } from './server-transport.js';
import { ConnectionLostError, MaybeDeliveredError } from './transport-errors.js';
import { rttPerSec } from './transport.bench-support.js';

const SERVER = '10.0.0.1:4500';

async function simEcho(seed: number, preset: NetworkPresetName | NetworkConfig, liveness: boolean): Promise<{ result: EchoResult; traceHash: string }> {
  let result: EchoResult | undefined;
  const run = await runInWorld({ seed }, async (world: SimWorld) => {
    const network = new SimNetwork(world, resolveNetworkConfig(preset, world.rng.config));
    result = await runEcho({
      time: new SimTimeProvider(world),
      serverNetwork: network.provider('10.0.0.1'),
      clientNetwork: (id) => network.provider(`10.0.0.${id + 2}`),
      listenAddress: SERVER,
      clients: 4,
      requestsPerClient: 30,
      concurrency: 3,
      timeoutMs: 1_000,
      clientOptions: { backoffMsMin: 5, backoffMsMax: 500 },
      beforeLiveness: () => network.setChaos(false),
      livenessRequests: liveness ? 5 : undefined,
    });
  });
  assert.ok(result !== undefined);
  return { result, traceHash: run.traceHash };
}

const count = (results: EchoResult[], outcome: Outcome) =>
  results.reduce((sum, r) => sum + r.outcomes.flat().filter((o) => o === outcome).length, 0);

test('hostile: every request gets its own reply or a typed error, and requests succeed once chaos stops', async () => {
  const results: EchoResult[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const { result } = await simEcho(seed, 'hostile', true);
    assertAccounting(result, `hostile seed ${seed}`);
    result.livenessOutcomes.forEach((outcomes, client) => {
      assert.ok(outcomes.slice(-5).every((o) => o === 'ok'), `hostile seed ${seed}: client ${client} after the network healed: ${outcomes.join(', ')}`);
    });
    results.push(result);
  }
  const total = results.length * 4 * 30;
  const ok = count(results, 'ok');
  // Hostile must actually hurt (or the accounting above proved little), yet most requests get through.
  assert.ok(ok < total && ok > total / 2, `ok ${ok} of ${total}`);
  const reconnects = results.reduce((sum, r) => sum + r.clientStats.reduce((s, st) => s + st.reconnects, 0), 0);
  assert.ok(reconnects > 0, 'no client ever reconnected under hostile');
  assert.ok(count(results, 'maybe-delivered') + count(results, 'timeout') > 0, 'no request was ever at risk');
});

test('bit flips on the wire fail the checksum, reset the connection and surface as typed errors', async () => {
  const config = networkPreset('perfect');
  config.preset = 'perfect+bitFlip';
  config.faults.bitFlip = { enabled: true, probability: 0.03, durationMs: { min: 0, max: 0 } };
  let checksumErrors = 0;
  for (const seed of [31, 32, 33]) {
    const { result } = await simEcho(seed, config, true);
    assertAccounting(result, `bitFlip seed ${seed}`);
    checksumErrors += [...result.clientStats, result.serverStats].reduce((sum, s) => sum + s.wireErrors.checksum, 0);
    assert.ok(result.livenessOutcomes.every((o) => o.slice(-5).every((x) => x === 'ok')), `bitFlip seed ${seed}: no recovery`);
  }
  assert.ok(checksumErrors > 0, 'no flipped bit was ever caught');
});

test('perfect: every request succeeds, with out-of-order replies on shared connections', async () => {
  const { result } = await simEcho(7, 'perfect', false);
  assertAccounting(result, 'perfect seed 7');
  assert.deepEqual(new Set(result.outcomes.flat()), new Set(['ok']));
  assert.equal(result.serverStats.connections, 4);
  assert.ok(result.clientStats.every((s) => s.reconnects === 0 && s.framesReceived === 30));
});

test('the same seed gives the same outcomes and trace; another seed differs', async () => {
  const first = await simEcho(11, 'hostile', false);
  const second = await simEcho(11, 'hostile', false);
  const other = await simEcho(12, 'hostile', false);
  assert.deepEqual(second.result.outcomes, first.result.outcomes);
  assert.deepEqual(second.result.clientStats, first.result.clientStats);
  assert.equal(second.traceHash, first.traceHash);
  assert.notEqual(other.traceHash, first.traceHash);
});

test('a killed connection fails its written request as maybe-delivered and the client reconnects after backing off', async () => {
  await runInWorld({ seed: 21 }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const time = new SimTimeProvider(world);
    let server = await ServerTransport.listen<number, number>(network.provider('10.0.0.1'), SERVER);
    const client = await ClientTransport.connect<number, number>(network.provider('10.0.0.2'), SERVER, {
      backoffMsMin: 50, backoffMsMax: 10_000, backoffMultiplier: 2, backoffJitter: 0, connectAttemptsMax: 5,
    });
    const answer = async (s: ServerTransport<number, number>) => {
      const m = await s.tryNextMessage();
      m?.respond((m.request as number) * 10);
      return m;
    };
    const [reply] = await Promise.all([client.request(1), answer(server)]);
    assert.equal(reply, 10);

    // The server holds request 2; a scripted RST kills the connection under it.
    const pending = client.request(2);
    const held = await server.tryNextMessage();
    assert.ok(held !== null);
    network.faults.killConnection(SERVER, held.peer, 'rst');
    await assert.rejects(pending, MaybeDeliveredError);
    const lostAtMs = time.now();
    const [again] = await Promise.all([client.request(3), answer(server)]);
    assert.equal(again, 30);
    const waitedMs = time.now() - lostAtMs;
    assert.ok(waitedMs >= 50 && waitedMs < 52, `reconnected after ${waitedMs} ms, expected the 50 ms backoff plus a round trip`);
    assert.equal(client.stats().reconnects, 1);

    // With nothing listening, each attempt is refused and the delays double: 50, 100, 200, 400, 800.
    server.close();
    await time.sleep(1);
    const startMs = time.now();
    await assert.rejects(client.request(4, { timeoutMs: 60_000 }), ConnectionLostError);
    const gaveUpMs = time.now() - startMs;
    assert.ok(gaveUpMs >= 1550 && gaveUpMs < 1560, `gave up after ${gaveUpMs} ms`);
    assert.equal(client.stats().connectFailures, 5);

    // A server back on the same address is found by the next request.
    server = await ServerTransport.listen<number, number>(network.provider('10.0.0.1'), SERVER);
    const [back] = await Promise.all([client.request(5, { timeoutMs: 60_000 }), answer(server)]);
    assert.equal(back, 50);
    assert.equal(client.stats().reconnects, 2);
    client.close();
    server.close();
  });
});

test('rttPerSec runs a ping-pong through the perfect network', async () => {
  const rate = await rttPerSec(200);
  assert.ok(Number.isFinite(rate) && rate > 0, `rate ${rate}`);
});
