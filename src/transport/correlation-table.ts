import type { OutboundFrame, PeerConnection } from './peer-connection.js';

/** Correlation ids are u32 on the wire; 0 is never issued. */
const CORRELATION_ID_MAX = 0xffffffff;

/** One request of a client, from request() until it settles. Until it is written it may be
 * withdrawn (a timeout settles it, and the connection then skips its frame). */
export class PendingRequest<Res> implements OutboundFrame {
  written = false;
  settled = false;
  /** The connection it was handed to, once connected, and how many frames that connection had
   * delivered then. */
  connection: PeerConnection | undefined;
  framesReceivedAtSend = 0;
  readonly promise: Promise<Res>;
  private resolveFn!: (value: Res) => void;
  private rejectFn!: (error: unknown) => void;

  constructor(
    readonly id: number,
    readonly frame: Uint8Array,
    private readonly table: CorrelationTable<Res>,
  ) {
    this.promise = new Promise<Res>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
  }

  claim(): boolean {
    if (this.settled) return false;
    if (!this.written) this.table.unwritten--;
    this.written = true;
    return true;
  }

  resolve(value: Res): void {
    if (this.settle()) this.resolveFn(value);
  }

  reject(error: unknown): void {
    if (this.settle()) this.rejectFn(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (!this.written) this.table.unwritten--;
    this.table.remove(this.id);
    return true;
  }
}

/** The unsettled requests of a client by correlation id, in issue order (Map insertion order,
 * so iterating it is deterministic), plus how many still wait to be written. */
export class CorrelationTable<Res> {
  unwritten = 0;
  private nextId = 1;
  private readonly entries = new Map<number, PendingRequest<Res>>();

  /** Issues the next free id and registers a request whose frame `encode` builds for it. */
  create(encode: (id: number) => Uint8Array): PendingRequest<Res> {
    while (this.entries.has(this.nextId)) this.advance();
    const id = this.nextId;
    const entry = new PendingRequest<Res>(id, encode(id), this);
    this.advance();
    this.entries.set(id, entry);
    this.unwritten++;
    return entry;
  }

  get(id: number): PendingRequest<Res> | undefined {
    return this.entries.get(id);
  }

  remove(id: number): void {
    this.entries.delete(id);
  }

  values(): PendingRequest<Res>[] {
    return [...this.entries.values()];
  }

  private advance(): void {
    this.nextId = this.nextId === CORRELATION_ID_MAX ? 1 : this.nextId + 1;
  }
}
