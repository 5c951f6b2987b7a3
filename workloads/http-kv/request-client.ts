import http from 'node:http';
import {
  httpAgent, Inject, NetworkProvider, RandomProvider, StateRegistry, TimeProvider, TopologyInfo, Workload, sometimesAssert,
} from 'moonpool';
import { KvClient, REQUEST_TIMEOUT_MS, type KvReply } from './kv-client.js';

/** The client over node:http's own http.request, through a keep-alive agent on the provider. */
@Workload('http-kv-requester')
export class RequestKvClient extends KvClient {
  private readonly agent: http.Agent;

  constructor(
    @Inject(NetworkProvider) network: NetworkProvider,
    @Inject(TimeProvider) time: TimeProvider,
    @Inject(RandomProvider) random: RandomProvider,
    @Inject(TopologyInfo) topology: TopologyInfo,
    @Inject(StateRegistry) state: StateRegistry,
  ) {
    super(time, random, topology, state);
    this.agent = httpAgent(network, { maxSockets: 2 });
  }

  protected call(method: 'GET' | 'PUT', url: string, headers: Record<string, string>, body: string | undefined): Promise<KvReply> {
    return new Promise<KvReply>((resolve, reject) => {
      const request = http.request(url, { method, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode as number, body: text, checksum: response.headers['x-kv-crc32c'] as string | undefined }));
        response.on('error', reject);
      });
      request.on('socket', () => sometimesAssert(request.reusedSocket, 'a request reused a kept-alive connection'));
      request.on('timeout', () => request.destroy(Object.assign(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })));
      request.on('error', reject);
      request.end(body);
    });
  }

  protected close(): void {
    this.agent.destroy();
  }
}
