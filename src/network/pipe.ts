import { invariant } from '../core/assert.js';
import type { Waiter } from '../core/waiter.js';
import { Fifo } from './fifo.js';
import type { NetworkCore } from './network-core.js';
import { ReceiveBuffer, type Segment } from './receive-buffer.js';

/** What send() returns while the send buffer has room: one settled promise, shared. */
const SENT: Promise<void> = Promise.resolve();

/** One direction of a connection: bytes written at `from` wait in the outbox while a fault
 * blocks them, travel with latency, and wait in the receive buffer until `to` reads them. */
export class Pipe {
  readonly receiver: ReceiveBuffer;
  private readonly outbox = new Fifo<Segment>();
  private readonly inflight = new Fifo<Segment>();
  private drainWaiters: Waiter<void>[] = [];
  private arrivalMsLast = 0;
  private awaitingUnblock = false;
  private senderError: Error | undefined;
  /** Written and not yet read: what the send buffer limit applies to. */
  private bytesUnread = 0;
  /** The pair's fixed latency (it never changes for a seed). */
  private readonly pairBaseMs: number;

  constructor(
    private readonly core: NetworkCore,
    readonly from: string,
    readonly to: string,
    private readonly fromIp: string,
    private readonly toIp: string,
  ) {
    this.pairBaseMs = core.latency.pairBaseMs(fromIp, toIp);
    this.receiver = new ReceiveBuffer(core, from, to, fromIp, toIp, `read(${to}<-${from})`, (bytes) => this.onRead(bytes));
  }

  /** Sender: queues one write (or its pieces); resolves once the send buffer has room again. */
  send(pieces: Uint8Array | readonly Uint8Array[]): Promise<void> {
    if (pieces instanceof Uint8Array) {
      this.bytesUnread += pieces.length;
      // The usual case: nothing queued ahead and nothing in the way, so no trip through the outbox.
      if (this.outbox.length === 0 && this.isClear()) this.transmit(pieces);
      else this.queue(pieces);
    } else {
      for (const piece of pieces) {
        this.bytesUnread += piece.length;
        this.outbox.push(piece);
      }
      this.pump();
    }
    if (this.bytesUnread <= this.core.config.sendBufferBytesMax) return SENT;
    const waiter = this.core.world.waiter<void>(`write(${this.from}->${this.to}): send buffer full`);
    this.drainWaiters.push(waiter);
    return waiter.promise;
  }

  /** Sender: FIN after the bytes already written. */
  finish(): void {
    this.queue(null);
  }

  /** The sending end reset: unsent bytes are dropped and blocked writers fail. */
  abortSender(error: Error): void {
    this.senderError = error;
    this.outbox.drain();
    for (const waiter of this.drainWaiters) waiter.reject(error);
    this.drainWaiters = [];
  }

  private queue(segment: Segment): void {
    this.outbox.push(segment);
    this.pump();
  }

  /** Bytes may leave now: no reset, and no partition or clog between the hosts. */
  private isClear(): boolean {
    return !this.awaitingUnblock && this.senderError === undefined && !this.core.faults.isBlocked(this.fromIp, this.toIp);
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
  // arrival times round to the same instant.
  private readonly arrive = (): void => {
    if (this.inflight.length === 0) invariant(false, 'one arrival event per segment in flight');
    this.receiver.deliver(this.inflight.shift() as Segment);
  };

  private onRead(bytes: number): void {
    this.bytesUnread -= bytes;
    if (this.drainWaiters.length > 0 && this.bytesUnread <= this.core.config.sendBufferBytesMax) {
      for (const waiter of this.drainWaiters) waiter.resolve();
      this.drainWaiters = [];
    }
  }
}
