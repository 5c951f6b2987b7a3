import {
  ClientTransport, Inject, NetworkProvider, RandomProvider, StateRegistry, TimeProvider, TopologyInfo, Workload,
  sometimesAssert,
} from 'moonpool';
import { clientKey, KEYS, type ClientRecord, type KvRequest, type KvResponse } from './messages.js';

const OPERATIONS = 40;
const ATTEMPTS_MAX = 5;

/** Random puts and gets against the primary, retrying a put with the same request id. */
@Workload('kv-client')
export class KvClient {
  private readonly record: ClientRecord = { attempted: [], acknowledged: [], reads: [] };
  private client!: ClientTransport<KvRequest, KvResponse>;

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(RandomProvider) private readonly random: RandomProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {}

  /** This incarnation: a rebooted client's request ids start again at 0, so the primary's
   * deduplication must tell its lives apart. */
  private get id(): string {
    return `${this.topology.address}/${this.topology.incarnation}`;
  }

  private publish(): void {
    this.state.set(clientKey(this.topology.address, this.topology.incarnation), this.record);
  }

  async setup(): Promise<void> {
    this.client = await ClientTransport.connect<KvRequest, KvResponse>(this.network, this.topology.peers('replica')[0], {
      backoffMsMin: 10,
      backoffMsMax: 500,
    });
    this.publish();
  }

  private async put(requestId: number): Promise<void> {
    const key = this.random.pick(KEYS);
    const value = `${this.id}#${requestId}`;
    this.record.attempted.push(value);
    this.publish();
    for (let attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
      try {
        const reply = await this.client.request({ type: 'put', key, value, client: this.id, requestId }, { timeoutMs: 1_500 });
        if (reply.type === 'put-ok') {
          this.record.acknowledged.push({ key, value, version: reply.version });
          this.publish();
          sometimesAssert(attempt > 1, 'a put succeeded after a retry');
          return;
        }
      } catch {
        // Timeouts and lost connections: retry with the same request id.
      }
      await this.time.sleep(this.random.int(10, 200));
    }
    sometimesAssert(true, 'a put gave up after every retry');
  }

  private async get(): Promise<void> {
    const key = this.random.pick(KEYS);
    try {
      const reply = await this.client.request({ type: 'get', key }, { timeoutMs: 1_000 });
      if (reply.type === 'value') {
        this.record.reads.push({ key, value: reply.value });
        this.publish();
        sometimesAssert(reply.value !== null, 'a read found a written value');
      }
    } catch {
      // A failed read proves nothing either way.
    }
  }

  async run(): Promise<void> {
    for (let op = 0; op < OPERATIONS; op++) {
      if (this.random.bool(0.6)) await this.put(op);
      else await this.get();
      await this.time.sleep(this.random.int(0, 30));
    }
  }

  async check(): Promise<void> {
    this.client.close();
  }
}
