import { invariant } from '../core/assert.js';
import { Fifo } from '../network/fifo.js';
import type { TransportStats } from './transport-stats.js';

/** About what one read returns (64 KiB in the simulation, one socket read in Node): what one
 * connection let go on may add. */
const READ_BYTES_MAX = 64 * 1024;

/** A connection waiting for the budget to have room. */
export interface RoomWaiter {
  waitingForRoom: boolean;
  /** Lets the connection read again, if nothing else holds it back. */
  resumeReading(): void;
}

/**
 * The bytes a server holds for all its connections together, against bufferedBytesMax. While
 * full, no connection starts a read. When room appears the waiting connections go on in the
 * order they stopped, only as many as the room has reads for: all at once, each would add a
 * read before any saw the budget full again.
 */
export class BufferBudget {
  private bytes = 0;
  private readonly waiters = new Fifo<RoomWaiter>();

  constructor(
    private readonly stats: TransportStats,
    private readonly bytesMax: number,
  ) {}

  get full(): boolean {
    return this.bytes >= this.bytesMax;
  }

  /** Queues `waiter` (once) to be resumed when there is room. */
  waitForRoom(waiter: RoomWaiter): void {
    if (waiter.waitingForRoom) return;
    waiter.waitingForRoom = true;
    this.waiters.push(waiter);
  }

  charge(deltaBytes: number): void {
    if (deltaBytes === 0) return;
    const bytes = (this.bytes += deltaBytes);
    if (bytes < 0) invariant(false, `a server's buffered bytes went negative (${bytes})`);
    this.stats.bufferedBytes = bytes;
    for (let room = this.bytesMax - bytes; room > 0 && this.waiters.length > 0; room -= READ_BYTES_MAX) {
      const waiter = this.waiters.shift() as RoomWaiter;
      waiter.waitingForRoom = false;
      waiter.resumeReading();
    }
  }
}
