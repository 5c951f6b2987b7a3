import {
  ClientTransport, Inject, NetworkProvider, ServerTransport, StateRegistry, TaskProvider, TimeProvider, TopologyInfo,
  Workload, buggify, sometimesAssert, type IncomingRequest,
} from 'moonpool';
import { majority, replicaKey, type KvRequest, type KvResponse, type Versioned } from './messages.js';

const REPLICATE_TIMEOUT_MS = 500;

/** Replica 0 is the primary: it orders writes and replicates them to a quorum before acknowledging. */
@Workload('kv-replica', { service: true })
export class Replica {
  private readonly store = new Map<string, Versioned>();
  /** Primary only: `client:requestId` → version, so a retried put is applied once. */
  private readonly applied = new Map<string, number>();
  private readonly backups = new Map<string, ClientTransport<KvRequest, KvResponse>>();
  private version = 0;

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(TaskProvider) private readonly tasks: TaskProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {}

  private get isPrimary(): boolean {
    return this.topology.index === 0;
  }

  private publish(): void {
    this.state.set(replicaKey(this.topology.address), Object.fromEntries(this.store));
  }

  private apply(key: string, entry: Versioned): void {
    const current = this.store.get(key);
    if (current === undefined || current.version < entry.version) this.store.set(key, entry);
    this.publish();
  }

  async run(): Promise<void> {
    this.publish();
    const server = await ServerTransport.listen<KvRequest, KvResponse>(this.network, this.topology.address);
    void this.topology.shutdown.then(() => server.close());
    for (let message = await server.tryNextMessage(); message !== null; message = await server.tryNextMessage()) {
      const incoming = message;
      // Each request is handled in its own task so a slow quorum never blocks reads.
      this.tasks.spawn(`handle-${incoming.request.type}`, () => this.handle(incoming));
    }
    for (const backup of this.backups.values()) backup.close();
  }

  private async handle(message: IncomingRequest<KvRequest, KvResponse>): Promise<void> {
    const request = message.request;
    if (request.type === 'get') {
      const entry = this.store.get(request.key);
      await message.respond({ type: 'value', value: entry?.value ?? null, version: entry?.version ?? 0 });
    } else if (request.type === 'replicate') {
      if (buggify(0.1)) await this.time.sleep(REPLICATE_TIMEOUT_MS * 2);
      this.apply(request.key, { value: request.value, version: request.version });
      await message.respond({ type: 'ack' });
    } else if (request.type === 'sync') {
      await message.respond({ type: 'snapshot', entries: [...this.store] });
    } else if (this.isPrimary) {
      await message.respond(await this.put(request.key, request.value, `${request.client}:${request.requestId}`));
    } else {
      await message.respond({ type: 'put-failed', reason: `${this.topology.address} is not the primary` });
    }
  }

  private async put(key: string, value: string, requestKey: string): Promise<KvResponse> {
    let version = this.applied.get(requestKey);
    if (version === undefined) {
      version = ++this.version;
      this.applied.set(requestKey, version);
      this.apply(key, { value, version });
    }
    const replicas = this.topology.peers('replica');
    const acks = await Promise.all(replicas.slice(1).map((address) => this.replicate(address, key, value, version)));
    const votes = 1 + acks.filter(Boolean).length;
    if (votes >= majority(replicas.length)) return { type: 'put-ok', version };
    sometimesAssert(true, 'a put failed to reach a quorum');
    return { type: 'put-failed', reason: `only ${votes} of ${replicas.length} replicas acknowledged` };
  }

  private async replicate(address: string, key: string, value: string, version: number): Promise<boolean> {
    let backup = this.backups.get(address);
    if (backup === undefined) {
      backup = await ClientTransport.connect<KvRequest, KvResponse>(this.network, address, { backoffMsMin: 5, backoffMsMax: 200 });
      this.backups.set(address, backup);
    }
    try {
      const reply = await backup.request({ type: 'replicate', key, value, version }, { timeoutMs: REPLICATE_TIMEOUT_MS });
      return reply.type === 'ack';
    } catch {
      return false;
    }
  }

  /** Liveness: once the network heals, each backup catches up from the primary (anti-entropy). */
  async check(): Promise<void> {
    if (this.isPrimary) return;
    const primary = await ClientTransport.connect<KvRequest, KvResponse>(this.network, this.topology.peers('replica')[0]);
    for (;;) {
      try {
        const reply = await primary.request({ type: 'sync' }, { timeoutMs: 1_000 });
        if (reply.type === 'snapshot') {
          for (const [key, entry] of reply.entries) this.apply(key, entry);
          break;
        }
      } catch {
        await this.time.sleep(100);
      }
    }
    primary.close();
  }
}
