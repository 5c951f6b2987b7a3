import type { OutboundFrame, PeerConnection } from './peer-connection.js';
import type { Deadline } from './request-deadline.js';

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
  /** The running timeout (and its length), cleared as the request settles. */
  deadline: Deadline | undefined;
  timeoutMs = 0;
  readonly promise: Promise<Res>;
  private resolveFn!: (value: Res) => void;
  private rejectFn!: (error: unknown) => void;

  constructor(
    readonly id: number,
    readonly frame: Uint8Array,
    private readonly table: CorrelationTable<Res>,
    /** Position in the table's issue order. */
    readonly issue: number,
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
    this.deadline?.clear();
    return true;
  }
}

/** Slots of a new table; it doubles whenever it is half full. */
const SLOTS_MIN = 16;

/**
 * The unsettled requests of a client, in an open table indexed by `id & mask`: an id is issued
 * only when its slot is free (rarely one is skipped behind a long-lived request), so a lookup is
 * one array read, where a Map pays hashing and, with requests constantly coming and going,
 * rehashing. Also counts how many requests still wait to be written.
 */
export class CorrelationTable<Res> {
  unwritten = 0;
  private nextId = 1;
  private slots: (PendingRequest<Res> | undefined)[] = new Array<undefined>(SLOTS_MIN).fill(undefined);
  private mask = SLOTS_MIN - 1;
  private live = 0;
  /** Issue order of the requests, since ids wrap around. */
  private issued = 0;

  /** Issues the next free id and registers a request whose frame `encode` builds for it. */
  create(encode: (id: number) => Uint8Array): PendingRequest<Res> {
    if ((this.live + 1) * 2 > this.slots.length) this.grow();
    while (this.slots[this.nextId & this.mask] !== undefined) this.advance();
    const id = this.nextId;
    const entry = new PendingRequest<Res>(id, encode(id), this, this.issued++);
    this.advance();
    this.slots[id & this.mask] = entry;
    this.live++;
    this.unwritten++;
    return entry;
  }

  get(id: number): PendingRequest<Res> | undefined {
    const entry = this.slots[id & this.mask];
    return entry !== undefined && entry.id === id ? entry : undefined;
  }

  remove(id: number): void {
    if (this.get(id) === undefined) return;
    this.slots[id & this.mask] = undefined;
    this.live--;
  }

  /** The unsettled requests in issue order. */
  values(): PendingRequest<Res>[] {
    const out: PendingRequest<Res>[] = [];
    for (const entry of this.slots) if (entry !== undefined) out.push(entry);
    return out.sort((a, b) => a.issue - b.issue);
  }

  private advance(): void {
    this.nextId = this.nextId === CORRELATION_ID_MAX ? 1 : this.nextId + 1;
  }

  /** Doubles the table; ids apart in the old table stay apart (the new mask keeps its bits). */
  private grow(): void {
    const old = this.slots;
    this.slots = new Array<undefined>(old.length * 2).fill(undefined);
    this.mask = this.slots.length - 1;
    for (const entry of old) if (entry !== undefined) this.slots[entry.id & this.mask] = entry;
  }
}
