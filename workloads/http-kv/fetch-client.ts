import type { Agent } from 'node:http';
import {
  Inject, NetworkProvider, RandomProvider, StateRegistry, TimeoutError, TimeProvider, TopologyInfo, Workload, httpAgent, simFetch,
  sometimesAssert, type FetchFunction,
} from 'moonpool';
import { KvClient, REQUEST_TIMEOUT_MS, type KvReply } from './kv-client.js';

/** The client over fetch (simFetch: code that takes a fetch implementation), its timeout an
 * AbortController on the injected clock. */
@Workload('http-kv-fetcher')
export class FetchKvClient extends KvClient {
  private readonly agent: Agent;
  private readonly fetch: FetchFunction;

  constructor(
    @Inject(NetworkProvider) network: NetworkProvider,
    @Inject(TimeProvider) time: TimeProvider,
    @Inject(RandomProvider) random: RandomProvider,
    @Inject(TopologyInfo) topology: TopologyInfo,
    @Inject(StateRegistry) state: StateRegistry,
  ) {
    super(time, random, topology, state);
    this.agent = httpAgent(network);
    this.fetch = simFetch(network, { agent: this.agent });
  }

  protected async call(method: 'GET' | 'PUT', url: string, headers: Record<string, string>, body: string | undefined): Promise<KvReply> {
    const controller = new AbortController();
    const exchange = async (): Promise<KvReply> => {
      const response = await this.fetch(url, { method, headers, body, signal: controller.signal });
      return { status: response.status, body: await response.text(), checksum: response.headers.get('x-kv-crc32c') ?? undefined };
    };
    try {
      return await this.time.timeout(REQUEST_TIMEOUT_MS, exchange());
    } catch (error) {
      if (error instanceof TimeoutError) {
        controller.abort(error);
        throw Object.assign(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' });
      }
      // fetch's TypeError('fetch failed') carries node:net's error as its cause.
      sometimesAssert(error instanceof TypeError && error.message === 'fetch failed', 'a fetch failed');
      throw (error as { cause?: unknown }).cause ?? error;
    }
  }

  protected close(): void {
    this.agent.destroy();
  }
}
