import { concatBytes } from '../core/bytes.js';
import type { Waiter } from '../core/waiter.js';
import { flipRandomBit } from './faults/bit-flip-fault.js';
import { injectFault } from './faults/inject-fault.js';
import { partialReadLength } from './faults/partial-io-faults.js';
import { Fifo } from './fifo.js';
import type { NetworkCore } from './network-core.js';

/** At most this many bytes per read(), like a socket read into a 64 KiB buffer. */
const READ_BYTES_MAX = 64 * 1024;

/** Data, or a FIN (null) that travels behind everything written before it. */
export type Segment = Uint8Array | null;

/** The receiving end of a pipe: segments that arrived wait here until `to` reads them. */
export class ReceiveBuffer {
  private readonly inbox = new Fifo<Uint8Array>();
  private readonly readers = new Fifo<Waiter<Uint8Array | null>>();
  private finArrived = false;
  private error: Error | undefined;

  constructor(
    private readonly core: NetworkCore,
    private readonly from: string,
    private readonly to: string,
    private readonly fromIp: string,
    private readonly toIp: string,
    /** The read waits' label. */
    private readonly readLabel: string,
    /** Told how many bytes each read took, for the sender's buffer limit. */
    private readonly onRead: (bytes: number) => void,
  ) {}

  /** The next chunk, or null once the FIN arrived and every byte was read. */
  read(): Promise<Uint8Array | null> {
    if (this.error !== undefined) return Promise.reject(this.error);
    if (this.readers.length === 0 && (this.inbox.length > 0 || this.finArrived)) return Promise.resolve(this.take());
    const waiter = this.core.world.waiter<Uint8Array | null>(this.readLabel);
    this.readers.push(waiter);
    return waiter.promise;
  }

  /** A segment arrived: it wakes a task only if a reader is waiting. */
  deliver(segment: Segment): void {
    if (this.error !== undefined) return;
    if (segment === null) {
      this.finArrived = true;
    } else {
      const fault = this.core.chaos.roll('deliver');
      if (fault === 'bitFlip') flipRandomBit(segment, this.core, this.fromIp, this.toIp);
      else if (fault !== undefined) injectFault(this.core, fault, { fromIp: this.fromIp, toIp: this.toIp });
      this.core.world.timeline?.delivered(this.fromIp, this.toIp, segment);
      this.core.notifyDelivery(this.from, this.to, segment);
      // The usual case: a reader waits on an empty buffer and takes the segment as it is.
      if (this.inbox.length === 0 && this.readers.length > 0) (this.readers.shift() as Waiter<Uint8Array | null>).resolve(this.takeChunk(segment));
      else this.inbox.push(segment);
    }
    while (this.readers.length > 0 && (this.inbox.length > 0 || this.finArrived)) {
      (this.readers.shift() as Waiter<Uint8Array | null>).resolve(this.take());
    }
  }

  /** The connection reset (or learned of a reset): unread and later bytes are dropped. */
  abort(error: Error): void {
    this.error = error;
    this.inbox.drain();
    for (const reader of this.readers.drain()) reader.reject(error);
  }

  private take(): Uint8Array | null {
    const chunk = this.inbox.shift();
    return chunk === undefined ? null : this.takeChunk(chunk);
  }

  /** One read's bytes, starting with `chunk` (already out of the inbox). */
  private takeChunk(chunk: Uint8Array): Uint8Array {
    if (chunk.length > READ_BYTES_MAX) {
      this.inbox.unshift(chunk.subarray(READ_BYTES_MAX));
      chunk = chunk.subarray(0, READ_BYTES_MAX);
    } else if (this.inbox.length > 0) {
      chunk = this.coalesce(chunk);
    }
    const fault = this.core.chaos.roll('read');
    if (fault === 'partialRead') {
      const length = partialReadLength(chunk.length, this.core, this.toIp);
      if (length < chunk.length) this.inbox.unshift(chunk.subarray(length));
      chunk = chunk.subarray(0, length);
    } else if (fault !== undefined) {
      injectFault(this.core, fault, { fromIp: this.fromIp, toIp: this.toIp });
    }
    this.onRead(chunk.length);
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
    return parts.length === 1 ? first : concatBytes(parts, length);
  }
}
