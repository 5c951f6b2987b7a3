import { alwaysAssert, sometimesAssert, type RandomProvider, type StateRegistry, type TimeProvider, type TopologyInfo } from 'moonpool';
import { CHECKSUM_HEADER, checksum, clientKey, KEYS, type ClientRecord } from './messages.js';

const OPERATIONS = 30;
const ATTEMPTS_MAX = 4;
export const REQUEST_TIMEOUT_MS = 500;

/** A response as the client's HTTP layer hands it over. */
export interface KvReply {
  status: number;
  body: string;
  checksum: string | undefined;
}

/** A request that got no usable response: `code` is node:net's (ECONNRESET...), ETIMEDOUT for
 * the client's own timeout, or EBADCHECKSUM for a corrupted response. */
export interface KvFailure {
  code: string;
}

function codeOf(error: unknown): string {
  return (error as { code?: unknown }).code?.toString() ?? 'EUNKNOWN';
}

/**
 * An autonomous client of the service: random writes and reads, a retry on any failure (a PUT
 * of the same value is harmless to repeat), each read checked against what this client saw
 * before. Its HTTP layer (`call`) is node:http's http.request or fetch, in the subclasses.
 */
export abstract class KvClient {
  protected readonly record: ClientRecord;
  /** Highest version this client saw per key (acknowledged or read): reads never go back. */
  private readonly seen: Record<string, number> = {};

  constructor(
    protected readonly time: TimeProvider,
    protected readonly random: RandomProvider,
    protected readonly topology: TopologyInfo,
    private readonly state: StateRegistry,
  ) {
    this.record = { id: `${topology.address}/${topology.incarnation}`, sent: 0, attempted: 0, acknowledged: {}, lastRead: null };
  }

  /** One HTTP exchange with the server; rejects with a KvFailure-like error. */
  protected abstract call(method: 'GET' | 'PUT', url: string, headers: Record<string, string>, body: string | undefined): Promise<KvReply>;
  /** Releases the HTTP layer's connections. */
  protected abstract close(): void;

  private publish(): void {
    this.state.set(clientKey(this.topology.address, this.topology.incarnation), this.record);
  }

  setup(): void {
    this.publish();
  }

  async run(): Promise<void> {
    for (let op = 0; op < OPERATIONS; op++) {
      const key = this.random.pick(KEYS);
      if (this.random.bool(0.5)) await this.write(key);
      else await this.read(key);
      await this.time.sleep(this.random.int(0, 30));
    }
  }

  /** Liveness: once the network healed, a write and a read both succeed. */
  async check(): Promise<void> {
    const key = this.random.pick(KEYS);
    alwaysAssert(await this.write(key), () => `${this.record.id} could not write ${key} after the network healed`);
    alwaysAssert(await this.read(key), () => `${this.record.id} could not read ${key} after the network healed`);
    this.close();
  }

  /** True once a write was acknowledged. */
  private async write(key: string): Promise<boolean> {
    const value = `${this.record.id}#${this.record.attempted++}`;
    this.publish();
    for (let attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
      const reply = await this.exchange('PUT', key, JSON.stringify({ value }));
      if (reply?.status === 200) {
        const { version } = JSON.parse(reply.body) as { version: number };
        this.record.acknowledged[key] = Math.max(this.record.acknowledged[key] ?? 0, version);
        this.seen[key] = Math.max(this.seen[key] ?? 0, version);
        this.publish();
        sometimesAssert(attempt > 1, 'a write was acknowledged after a retry');
        return true;
      }
      await this.time.sleep(this.random.int(10, 100));
    }
    return false;
  }

  /** True once a read was answered. */
  private async read(key: string): Promise<boolean> {
    for (let attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
      const reply = await this.exchange('GET', key, undefined);
      if (reply?.status === 200 || reply?.status === 404) {
        const { value, version } = JSON.parse(reply.body) as { value: string | null; version: number };
        alwaysAssert(version >= (this.seen[key] ?? 0), () => `${this.record.id} read version ${version} of ${key} after seeing version ${this.seen[key]}`);
        this.seen[key] = version;
        this.record.lastRead = { key, value, version };
        this.publish();
        return true;
      }
      await this.time.sleep(this.random.int(10, 100));
    }
    return false;
  }

  /** One request with its checksum; the reply once its checksum holds, else undefined. */
  private async exchange(method: 'GET' | 'PUT', key: string, body: string | undefined): Promise<KvReply | undefined> {
    const path = `/kv/${key}`;
    const url = `http://${this.topology.peers('server')[0]}${path}`;
    const headers = { 'content-type': 'application/json', [CHECKSUM_HEADER]: checksum(`${method} ${path}\n${body ?? ''}`) };
    this.record.sent++;
    this.publish();
    let reply: KvReply;
    try {
      reply = await this.call(method, url, headers, body);
    } catch (error) {
      const code = codeOf(error);
      sometimesAssert(code === 'ECONNRESET', 'a request failed with ECONNRESET');
      sometimesAssert(code === 'ETIMEDOUT', 'a request timed out');
      return undefined;
    }
    const intact = reply.checksum === checksum(`${reply.status}\n${reply.body}`);
    sometimesAssert(!intact || reply.status === 400, 'a corrupted message was caught by its checksum');
    return intact ? reply : undefined;
  }
}
