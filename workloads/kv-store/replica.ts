import {
  ClientTransport, Inject, NetworkProvider, ServerTransport, StateRegistry, StorageProvider, TaskProvider, TimeProvider,
  TopologyInfo, Workload, buggify, sometimesAssert, type IncomingRequest,
} from 'moonpool';
import { EPOCH_SPAN, majority, recoveryQuorum, replicaKey, type KvRequest, type KvResponse, type Versioned } from './messages.js';
import { WriteAheadLog } from './write-ahead-log.js';

const REPLICATE_TIMEOUT_MS = 500;
const SYNC_TIMEOUT_MS = 1_000;

/**
 * Replica 0 is the primary: it orders writes and replicates them to a quorum before
 * acknowledging. Each replica logs a write (synced) before it counts it or acknowledges it. A
 * rebooted replica replays its log, then recovers from its peers what the log lost (a torn
 * tail, a corrupt record, a wiped disk) before it serves or publishes anything: a write on a
 * majority is on at least `recoveryQuorum` of the others. Then it rewrites a clean log.
 */
@Workload('kv-replica', { service: true })
export class Replica {
  private readonly store = new Map<string, Versioned>();
  /** Primary only: `client:incarnation:requestId` → version, so a retried put is applied once
   * (per primary incarnation: a rebooted primary forgets it and may apply a retry again, with
   * a newer version of the same value, which no invariant forbids). */
  private readonly applied = new Map<string, number>();
  private readonly backups = new Map<string, ClientTransport<KvRequest, KvResponse>>();
  private readonly log: WriteAheadLog;
  private version: number;

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(TaskProvider) private readonly tasks: TaskProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
    @Inject(StorageProvider) storage: StorageProvider,
  ) {
    this.version = this.topology.incarnation * EPOCH_SPAN;
    this.log = new WriteAheadLog(storage);
  }

  private get isPrimary(): boolean {
    return this.topology.index === 0;
  }

  private get others(): string[] {
    return this.topology.peers('replica').filter((address) => address !== this.topology.address);
  }

  private publish(): void {
    this.state.set(replicaKey(this.topology.address), Object.fromEntries(this.store));
  }

  /** Keeps the newer of the held and the given version of `key` (publish() shows it). */
  private merge(key: string, entry: Versioned): void {
    const current = this.store.get(key);
    if (current === undefined || current.version < entry.version) this.store.set(key, entry);
  }

  async setup(): Promise<void> {
    // Published only once recovered: until then the registry keeps what this replica held
    // before it crashed, and a partial store would look like lost writes.
    const { records, damaged } = await this.log.replay().catch(() => ({ records: [], damaged: true }));
    for (const { key, value, version } of records) this.merge(key, { value, version });
    sometimesAssert(records.length > 0, 'a rebooted replica replayed its log');
    if (this.topology.incarnation > 0) {
      await this.recoverFromPeers();
      sometimesAssert(damaged, 'a replica repaired a damaged log from its peers');
      try {
        await this.log.rewrite([...this.store].map(([key, entry]) => ({ key, ...entry })));
      } catch {
        // The disk failed the rewrite: the old log stays, and the next reboot repairs again.
      }
    }
    this.publish();
  }

  /** Logs a write this replica applied; false when the disk failed it (it must not count). */
  private async logged(key: string, entry: Versioned): Promise<boolean> {
    try {
      await this.log.append({ key, ...entry });
      return true;
    } catch {
      sometimesAssert(true, 'a replica failed to log a write');
      return false;
    }
  }

  /** Merges snapshots from enough other replicas to hold every write a majority acknowledged. */
  private async recoverFromPeers(): Promise<void> {
    const others = this.others;
    const heard = new Set<string>();
    while (heard.size < recoveryQuorum(others.length + 1)) {
      for (const address of others) {
        if (heard.has(address) || (await this.pullFrom(address))) heard.add(address);
      }
      if (heard.size < recoveryQuorum(others.length + 1)) await this.time.sleep(100);
    }
    sometimesAssert(this.store.size > 0, 'a rebooted replica recovered data from its peers');
  }

  /** Applies one peer's snapshot; false when the peer did not answer. */
  private async pullFrom(address: string): Promise<boolean> {
    const peer = await ClientTransport.connect<KvRequest, KvResponse>(this.network, address, { backoffMsMin: 5, backoffMsMax: 200 });
    try {
      const reply = await peer.request({ type: 'sync' }, { timeoutMs: SYNC_TIMEOUT_MS });
      if (reply.type !== 'snapshot') return false;
      for (const [key, entry] of reply.entries) this.merge(key, entry);
      return true;
    } catch {
      return false;
    } finally {
      peer.close();
    }
  }

  async run(): Promise<void> {
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
      message.respond({ type: 'value', value: entry?.value ?? null, version: entry?.version ?? 0 });
    } else if (request.type === 'replicate') {
      if (buggify(0.1)) await this.time.sleep(REPLICATE_TIMEOUT_MS * 2);
      const entry = { value: request.value, version: request.version };
      this.merge(request.key, entry);
      this.publish();
      const durable = await this.logged(request.key, entry);
      message.respond(durable ? { type: 'ack' } : { type: 'put-failed', reason: `${this.topology.address} could not log it` });
    } else if (request.type === 'sync') {
      message.respond({ type: 'snapshot', entries: [...this.store] });
    } else if (this.isPrimary) {
      message.respond(await this.put(request.key, request.value, `${request.client}:${request.requestId}`));
    } else {
      message.respond({ type: 'put-failed', reason: `${this.topology.address} is not the primary` });
    }
  }

  private async put(key: string, value: string, requestKey: string): Promise<KvResponse> {
    let version = this.applied.get(requestKey);
    if (version === undefined) {
      version = ++this.version;
      this.applied.set(requestKey, version);
      this.merge(key, { value, version });
      this.publish();
    }
    // Logged again on a retry: the first attempt's append may have failed (a duplicate record
    // replays to the same state).
    const durable = await this.logged(key, { value, version });
    const replicas = this.topology.peers('replica');
    const acks = await Promise.all(replicas.slice(1).map((address) => this.replicate(address, key, value, version)));
    // The primary's own vote counts only once its log holds the write.
    const votes = (durable ? 1 : 0) + acks.filter(Boolean).length;
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

  /** Liveness: once the network heals, every replica pulls every other's data and keeps the
   * newest version of each key (anti-entropy), so all converge, also on a write a crashed
   * primary sent to one backup only. */
  async check(): Promise<void> {
    for (const address of this.others) {
      while (!(await this.pullFrom(address))) await this.time.sleep(100);
    }
    this.publish();
  }
}
