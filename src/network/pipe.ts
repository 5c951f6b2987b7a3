import { invariant } from '../core/assert.js';
import type { Waiter } from '../core/waiter.js';
import { flipRandomBit } from './faults/bit-flip-fault.js';
import { injectFault } from './faults/inject-fault.js';
import { partialReadLength } from './faults/partial-io-faults.js';
import { Fifo } from './fifo.js';
import type { NetworkCore } from './network-core.js';

/** At most this many bytes per read(), like a socket read into a 64 KiB buffer. */
const READ_BYTES_MAX = 64 * 1024;

/** Data, or a FIN (null) that travels behind everything written before it. */
type Segment = Uint8Array | null;

/** What send() returns while the send buffer has room: one settled promise, shared. */
const SENT: Promise<void> = Promise.resolve();

/** One direction of a connection: bytes written at `from` wait in the outbox while a fault
 * blocks them, travel with latency, and wait in the inbox until `to` reads them. */
export class Pipe {
  private readonly outbox = new Fifo<Segment>();
  private readonly inflight = new Fifo<Segment>();
  private readonly inbox = new Fifo<Uint8Array>();
  private readonly readers = new Fifo<Waiter<Uint8Array | null>>();
  private drainWaiters: Waiter<void>[] = [];
  private arrivalMsLast = 0;
  private awaitingUnblock = false;
  private finArrived = false;
  private senderError: Error | undefined;
  private receiverError: Error | undefined;
  /** Written and not yet read: what the send buffer limit applies to. */
  private bytesUnread = 0;
  /** The pair's fixed latency (it never changes for a seed) and the read waits' label. */
  private readonly pairBaseMs: number;
  private readonly readLabel: string;

  constructor(
    private readonly core: NetworkCore,
    readonly from: string,
    readonly to: string,
    private readonly fromIp: string,
    private readonly toIp: string,
  ) {
    this.pairBaseMs = core.latency.pairBaseMs(fromIp, toIp);
    this.readLabel = `read(${to}<-${from})`;
  }

  /** Sender: queues one write (or its pieces); resolves once the send buffer has room again. */
  send(pieces: Uint8Array | readonly Uint8Array[]): Promise<void> {
    if (pieces instanceof Uint8Array) {
      this.bytesUnread += pieces.length;
      this.outbox.push(pieces);
    } else {
      for (const piece of pieces) {
        this.bytesUnread += piece.length;
        this.outbox.push(piece);
      }
    }
    this.pump();
    if (this.bytesUnread <= this.core.config.sendBufferBytesMax) return SENT;
    const waiter = this.core.world.waiter<void>(`write(${this.from}->${this.to}): send buffer full`);
    this.drainWaiters.push(waiter);
    return waiter.promise;
  }

  /** Sender: FIN after the bytes already written. */
  finish(): void {
    this.outbox.push(null);
    this.pump();
  }

  /** Receiver: the next chunk, or null once the FIN arrived and every byte was read. */
  read(): Promise<Uint8Array | null> {
    if (this.receiverError !== undefined) return Promise.reject(this.receiverError);
    if (this.readers.length === 0 && (this.inbox.length > 0 || this.finArrived)) return Promise.resolve(this.take());
    const waiter = this.core.world.waiter<Uint8Array | null>(this.readLabel);
    this.readers.push(waiter);
    return waiter.promise;
  }

  /** The sending end reset: unsent bytes are dropped and blocked writers fail. */
  abortSender(error: Error): void {
    this.senderError = error;
    this.outbox.drain();
    for (const waiter of this.drainWaiters) waiter.reject(error);
    this.drainWaiters = [];
  }

  /** The receiving end reset (or learned of a reset): unread and later bytes are dropped. */
  abortReceiver(error: Error): void {
    this.receiverError = error;
    this.inbox.drain();
    for (const reader of this.readers.drain()) reader.reject(error);
  }

  private pump(): void {
    if (this.awaitingUnblock || this.senderError !== undefined) return;
    const faults = this.core.faults;
    while (this.outbox.length > 0) {
      if (faults.isBlocked(this.fromIp, this.toIp)) {
        this.awaitingUnblock = true;
        faults.whenUnblocked(() => {
          this.awaitingUnblock = false;
          this.pump();
        });
        return;
      }
      this.transmit(this.outbox.shift() as Segment);
    }
  }

  private transmit(segment: Segment): void {
    const world = this.core.world;
    const latencyMs = this.pairBaseMs + this.core.latency.drawMs(segment === null ? 'close' : 'delivery');
    // Never reorder: a segment arrives no earlier than the one sent before it.
    this.arrivalMsLast = Math.max(this.arrivalMsLast, world.nowMs + latencyMs);
    this.inflight.push(segment);
    world.schedule(this.arrivalMsLast - world.nowMs, 'net-deliver', this.arrive);
  }

  // Each arrival event delivers the oldest segment in flight, so order holds even when two
  // arrival times round to the same instant. It wakes a task only if a reader is waiting.
  private readonly arrive = (): void => {
    invariant(this.inflight.length > 0, 'one arrival event per segment in flight');
    const segment = this.inflight.shift() as Segment;
    if (this.receiverError !== undefined) return;
    if (segment === null) {
      this.finArrived = true;
    } else {
      const fault = this.core.chaos.roll('deliver');
      if (fault === 'bitFlip') flipRandomBit(segment, this.core);
      else if (fault !== undefined) injectFault(this.core, fault, { fromIp: this.fromIp, toIp: this.toIp });
      this.core.notifyDelivery(this.from, this.to, segment);
      this.inbox.push(segment);
    }
    while (this.readers.length > 0 && (this.inbox.length > 0 || this.finArrived)) {
      (this.readers.shift() as Waiter<Uint8Array | null>).resolve(this.take());
    }
  };

  private take(): Uint8Array | null {
    let chunk = this.inbox.shift();
    if (chunk === undefined) return null;
    if (chunk.length > READ_BYTES_MAX) {
      this.inbox.unshift(chunk.subarray(READ_BYTES_MAX));
      chunk = chunk.subarray(0, READ_BYTES_MAX);
    } else if (this.inbox.length > 0) {
      chunk = this.coalesce(chunk);
    }
    const fault = this.core.chaos.roll('read');
    if (fault === 'partialRead') {
      const length = partialReadLength(chunk.length, this.core);
      if (length < chunk.length) this.inbox.unshift(chunk.subarray(length));
      chunk = chunk.subarray(0, length);
    } else if (fault !== undefined) {
      injectFault(this.core, fault, { fromIp: this.fromIp, toIp: this.toIp });
    }
    this.bytesUnread -= chunk.length;
    if (this.drainWaiters.length > 0 && this.bytesUnread <= this.core.config.sendBufferBytesMax) {
      for (const waiter of this.drainWaiters) waiter.resolve();
      this.drainWaiters = [];
    }
    return chunk;
  }

  /** Joins buffered chunks into one read (TCP is a byte stream), up to READ_BYTES_MAX. */
  private coalesce(first: Uint8Array): Uint8Array {
    const parts = [first];
    let length = first.length;
    for (let next = this.inbox.peek(); next !== undefined && length + next.length <= READ_BYTES_MAX; next = this.inbox.peek()) {
      parts.push(this.inbox.shift() as Uint8Array);
      length += next.length;
    }
    if (parts.length === 1) return first;
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
