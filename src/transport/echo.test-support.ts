// The transport's end-to-end workload, run unchanged over the simulated and the real network:
// N clients each send M requests (a few at a time, payloads from empty to 150 kB) to an echo
// server that answers some requests late, so replies come back out of order. It records every
// request's outcome and how often the server saw each request.
import assert from 'node:assert/strict';
import type { NetworkProvider } from '../providers/network-provider.js';
import type { TimeProvider } from '../providers/time-provider.js';
import { ClientTransport } from './client-transport.js';
import { ServerTransport } from './server-transport.js';
import { RequestTimeoutError, TransportError, type TransportErrorCode } from './transport-errors.js';
import type { ClientTransportOptions } from './transport-options.js';
import type { TransportStats } from './transport-stats.js';

export interface EchoRequest {
  client: number;
  seq: number;
  body: Uint8Array;
}
export interface EchoResponse extends EchoRequest {
  server: string;
}

/** 'ok', a transport error code, or 'timeout-unwritten' for a timeout that never reached the wire. */
export type Outcome = 'ok' | TransportErrorCode | 'timeout-unwritten';

export interface EchoOptions {
  time: TimeProvider;
  serverNetwork: NetworkProvider;
  clientNetwork(client: number): NetworkProvider;
  listenAddress: string;
  clients: number;
  requestsPerClient: number;
  concurrency: number;
  timeoutMs: number;
  clientOptions?: ClientTransportOptions;
  /** Called between the chaos phase and the liveness phase (the sim turns chaos off). */
  beforeLiveness?(): void;
  /** Requests per client in the liveness phase, after its first success. */
  livenessRequests?: number;
}

export interface EchoResult {
  outcomes: Outcome[][];
  livenessOutcomes: Outcome[][];
  /** Times the server received each `client:seq`. */
  received: Map<string, number>;
  clientStats: TransportStats[];
  serverStats: TransportStats;
}

const SIZES = [0, 1, 17, 300, 4_000, 40_000, 150_000];

export function bodyFor(client: number, seq: number): Uint8Array {
  const body = new Uint8Array(SIZES[(client * 5 + seq) % SIZES.length]);
  for (let i = 0; i < body.length; i++) body[i] = (client * 31 + seq * 7 + i) & 0xff;
  return body;
}

async function ask(client: ClientTransport<EchoRequest, EchoResponse>, id: number, seq: number, timeoutMs: number): Promise<Outcome> {
  const body = bodyFor(id, seq);
  try {
    const reply = await client.request({ client: id, seq, body }, { timeoutMs });
    // The one failure that must never happen: a reply to some other request.
    assert.ok(reply.client === id && reply.seq === seq, `client ${id} seq ${seq} got the reply to client ${reply.client} seq ${reply.seq}`);
    assert.ok(reply.body instanceof Uint8Array && Buffer.compare(reply.body, body) === 0, `client ${id} seq ${seq}: body changed`);
    return 'ok';
  } catch (error) {
    if (error instanceof RequestTimeoutError && !error.written) return 'timeout-unwritten';
    if (error instanceof TransportError) return error.code;
    throw error;
  }
}

export async function runEcho(options: EchoOptions): Promise<EchoResult> {
  const { time, clients, requestsPerClient, concurrency, timeoutMs } = options;
  const server = await ServerTransport.listen<EchoRequest, EchoResponse>(options.serverNetwork, options.listenAddress);
  const received = new Map<string, number>();
  const serving = (async () => {
    for (let message = await server.tryNextMessage(); message !== null; message = await server.tryNextMessage()) {
      const m = message;
      const key = `${m.request.client}:${m.request.seq}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      const reply = () => m.respond({ ...m.request, server: server.address });
      if (m.request.seq % 4 === 0) void time.sleep(3).then(reply);
      else reply();
    }
  })();
  const transports = await Promise.all(
    Array.from({ length: clients }, (_, id) =>
      ClientTransport.connect<EchoRequest, EchoResponse>(options.clientNetwork(id), server.address, options.clientOptions),
    ),
  );
  const outcomes = transports.map(() => [] as Outcome[]);
  await Promise.all(
    transports.map(async (client, id) => {
      let next = 0;
      const worker = async () => {
        for (let seq = next++; seq < requestsPerClient; seq = next++) outcomes[id][seq] = await ask(client, id, seq, timeoutMs);
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }),
  );
  options.beforeLiveness?.();
  const livenessOutcomes = transports.map(() => [] as Outcome[]);
  if (options.livenessRequests !== undefined) {
    const total = options.livenessRequests;
    await Promise.all(
      transports.map(async (client, id) => {
        // Connections hurt during the chaos phase may still fail a request or two.
        let seq = requestsPerClient;
        for (let tries = 0; tries < 10 && livenessOutcomes[id].at(-1) !== 'ok'; tries++) {
          livenessOutcomes[id].push(await ask(client, id, seq++, timeoutMs));
        }
        for (let i = 0; i < total; i++) livenessOutcomes[id].push(await ask(client, id, seq++, timeoutMs));
      }),
    );
  }
  const clientStats = transports.map((client) => client.stats());
  for (const client of transports) client.close();
  server.close();
  await serving;
  return { outcomes, livenessOutcomes, received, clientStats, serverStats: server.stats() };
}

/** Every request got its own reply or a typed error consistent with what the server saw. */
export function assertAccounting(result: EchoResult, label: string): void {
  result.outcomes.forEach((outcomes, client) =>
    outcomes.forEach((outcome, seq) => {
      const seen = result.received.get(`${client}:${seq}`) ?? 0;
      const where = `${label}: client ${client} seq ${seq} (${outcome}, server saw it ${seen} times)`;
      assert.ok(['ok', 'timeout', 'timeout-unwritten', 'maybe-delivered', 'connection-lost'].includes(outcome), where);
      assert.ok(seen <= 1, `${where}: delivered more than once`);
      if (outcome === 'ok') assert.equal(seen, 1, `${where}: answered but never received`);
      if (outcome === 'timeout-unwritten' || outcome === 'connection-lost') assert.equal(seen, 0, `${where}: never written yet received`);
    }),
  );
}
