import { invariant } from '../core/assert.js';
import { concatBytes } from '../core/bytes.js';
import { currentWorld } from '../core/current.js';
import type { SimWorld } from '../core/world.js';
import { ConnectionClosedError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import type { TaskProvider } from '../providers/task-provider.js';
import type { TimeProvider } from '../providers/time-provider.js';
import type { DecodedFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { StallTimer } from './stall-timer.js';
import type { TransportStats } from './transport-stats.js';
import { WireError } from './wire-errors.js';

/** A frame waiting to be written. */
export interface OutboundFrame {
  readonly frame: Uint8Array;
  /** Called as the frame is handed to the socket: false if its owner withdrew it meanwhile. */
  claim(): boolean;
}

/** A frame nobody withdraws (a server's reply). */
export class ReadyFrame implements OutboundFrame {
  constructor(readonly frame: Uint8Array) {}

  claim(): boolean {
    return true;
  }
}

export interface PeerHandlers {
  /** A decoded frame, and its size on the wire. */
  onFrame(frame: DecodedFrame, peer: PeerConnection, frameBytes: number): void;
  /** Called once when the connection ends: `error` is undefined after close() by the owner;
   * `unsent` are the frames never handed to the socket. */
  onClosed(peer: PeerConnection, error: unknown, unsent: OutboundFrame[]): void;
}

/** How an owner that bounds what it buffers (the server) steers a connection's reading. While
 * it allows nothing the connection waits, reading nothing, until resumeReading(): the bytes stay
 * in the network's buffers and the sender is held back (TCP flow control). */
export interface ReadControl {
  /** Frames to decode now from bytes already read; the rest stays held. */
  framesAllowed(peer: PeerConnection): number;
  /** Whether to read more bytes now. */
  readAllowed(peer: PeerConnection): boolean;
  /** bufferedBytes may have changed: after the frames of a read were handed over, after a write. */
  buffersChanged(peer: PeerConnection): void;
  /** After this many frames in a row the read loop awaits endTurn() before it goes on: the
   * bytes of one busy connection, read at once, would otherwise be handled before any other
   * connection's (nothing waits on the network meanwhile). */
  readonly turnFramesMax: number;
  endTurn(): Promise<void>;
}

/** When a peer that holds the connection's buffers without progress gets it reset. */
export interface StallTimeouts {
  /** A frame still incomplete this long after its first byte arrived. */
  readonly partialFrameMs: number;
  /** A write the connection has not taken after this long (the peer stopped reading). */
  readonly writeMs: number;
  readonly time: TimeProvider;
  /** The running seed's world, when `time` is its own logical time. */
  readonly world: SimWorld | undefined;
}

export interface PeerOptions {
  frameBytesMax: number;
  control?: ReadControl;
  stallTimeouts?: StallTimeouts;
}

/** A connection that can keep a written buffer without copying it, when the writer hands it
 * over (the simulated one). Frames are built for one write and never touched again. */
interface HandOverWrites {
  writeHandedOver(bytes: Uint8Array): Promise<void>;
}

function takesHandOver(conn: Connection): conn is Connection & HandOverWrites {
  return typeof (conn as Partial<HandOverWrites>).writeHandedOver === 'function';
}

/** What a paused read loop waits on: a named wait in a simulation, a plain promise otherwise. */
interface Resume {
  readonly promise: Promise<void>;
  resolve(): void;
}

function plainResume(): Resume {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Frames queued while a write is outstanding go out together, up to this many bytes. */
const BATCH_BYTES_MAX = 64 * 1024;
const EMPTY = new Uint8Array(0);
const SETTLED = Promise.resolve();

/**
 * One framed connection: a read loop (a task of the given TaskProvider) that decodes frames and
 * hands them to the owner, and a writer that keeps at most one write outstanding and batches the
 * frames queued meanwhile. A frame that fails to decode resets the connection and is counted.
 * With a ReadControl the owner decides when to read and how many frames to take; with
 * StallTimeouts a frame must complete, and a write be taken, within a time.
 */
export class PeerConnection {
  readonly peer: string;
  /** Frames decoded from this connection so far: progress, as opposed to bytes piling up. */
  framesReceived = 0;
  private readonly decoder: FrameDecoder;
  private readonly control: ReadControl | undefined;
  private readonly stallTimeouts: StallTimeouts | undefined;
  private outbox: OutboundFrame[] = [];
  /** Bytes of the frames in the outbox and of the write outstanding. */
  private unsent = 0;
  private writingBytes = 0;
  private writing = false;
  private isOpen = true;
  private readonly handOver: boolean;
  private paused = false;
  private resume: Resume | undefined;
  /** Frames decoded since the read loop last let the other connections go first. */
  private turnFrames = 0;
  /** When the incomplete frame the stream ends with began, and when the outstanding write
   * started; NaN when there is none (a number field stays unboxed: no allocation per write). */
  private partialSinceMs = NaN;
  private writeSinceMs = NaN;
  private readonly stallTimer: StallTimer | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly stats: TransportStats,
    private readonly handlers: PeerHandlers,
    options: PeerOptions,
  ) {
    this.peer = conn.remoteAddress;
    this.handOver = takesHandOver(conn);
    this.decoder = new FrameDecoder({ frameBytesMax: options.frameBytesMax });
    this.control = options.control;
    this.stallTimeouts = options.stallTimeouts;
    if (this.stallTimeouts !== undefined) {
      this.stallTimer = new StallTimer(this.stallTimeouts.time, this.stallTimeouts.world, this.checkStalls);
    }
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** Bytes of frames queued to be written or being written. */
  get unsentBytes(): number {
    return this.unsent;
  }

  /** Bytes of the incomplete frame the stream ends with, as far as it was decoded. */
  get partialFrameBytes(): number {
    return this.decoder.partialFrameBytes;
  }

  /** Bytes this connection holds: read and not yet decoded, and not yet written. */
  get bufferedBytes(): number {
    return this.decoder.bufferedBytes + this.unsent;
  }

  start(tasks: TaskProvider, name: string): void {
    tasks.spawn(name, () => this.readLoop());
  }

  send(item: OutboundFrame): void {
    if (!this.isOpen) throw new Error(`moonpool internal invariant broken: send on the closed connection to ${this.peer}`);
    this.outbox.push(item);
    this.unsent += item.frame.length;
    if (!this.writing) this.flush();
  }

  /** A read loop paused by its ReadControl goes on if the control allows it now. */
  resumeReading(): void {
    if (this.resume !== undefined && this.mayProceed(this.control as ReadControl)) this.release();
  }

  /** Graceful close by the owner: frames not yet written are dropped. */
  close(): void {
    if (this.end(undefined)) this.conn.close();
  }

  /** Abortive close (RST): the peer's pending operations fail too. */
  abort(error: unknown): void {
    if (this.end(error)) this.conn.reset();
  }

  private flush(): void {
    // A lone frame (the usual case) is written as it is, without a batch array.
    let first: Uint8Array | undefined;
    let batch: Uint8Array[] | undefined;
    let bytes = 0;
    while (this.outbox.length > 0 && bytes < BATCH_BYTES_MAX) {
      const item = this.outbox.shift() as OutboundFrame;
      if (!item.claim()) {
        this.unsent -= item.frame.length;
        continue;
      }
      if (first === undefined) first = item.frame;
      else (batch ??= [first]).push(item.frame);
      bytes += item.frame.length;
    }
    this.writing = first !== undefined;
    this.writingBytes = bytes;
    if (first === undefined) return;
    this.stats.framesSent += batch === undefined ? 1 : batch.length;
    const data = batch === undefined ? first : concatBytes(batch, bytes);
    if (batch !== undefined) currentWorld()?.timeline?.annotateBatch(data, batch);
    const written = this.handOver ? (this.conn as Connection & HandOverWrites).writeHandedOver(data) : this.conn.write(data);
    written.then(this.afterWrite, this.abortOnWriteError);
    // Queued after afterWrite when the write was taken at once (the usual case), so only a
    // write still waiting starts the clock: a healthy connection keeps no timer.
    if (this.stallTimeouts !== undefined) void SETTLED.then(this.startWriteClock);
  }

  private readonly startWriteClock = (): void => {
    if (this.writing && this.isOpen && Number.isNaN(this.writeSinceMs)) this.startStallClock('write', this.stallTimeouts as StallTimeouts);
  };

  // Created once per connection, not per write.
  private readonly afterWrite = (): void => {
    if (!this.isOpen) return;
    this.unsent -= this.writingBytes;
    if (this.unsent < 0) invariant(false, `unsent bytes to ${this.peer} went negative`);
    this.writeSinceMs = NaN;
    this.flush();
    this.control?.buffersChanged(this);
  };

  private readonly abortOnWriteError = (error: unknown): void => this.abort(error);

  private async readLoop(): Promise<void> {
    const control = this.control;
    while (this.isOpen) {
      if (control !== undefined) {
        if (!this.mayProceed(control)) {
          await this.pause();
          continue;
        }
        this.unpause();
      }
      let chunk: Uint8Array | null = EMPTY;
      if (this.decoder.heldBytes === 0) {
        try {
          chunk = await this.conn.read();
        } catch (error) {
          this.abort(error);
          return;
        }
        if (chunk === null) {
          // The peer hung up: close our side too, and tell the owner the connection was lost.
          if (this.end(new ConnectionClosedError(`${this.peer} closed the connection`))) this.conn.close();
          return;
        }
        if (!this.isOpen) return;
      }
      this.decode(chunk);
      if (control !== undefined && this.turnFrames >= control.turnFramesMax) {
        this.turnFrames = 0;
        await control.endTurn();
      }
    }
  }

  /** Decodes what `chunk` (or the held bytes) allows and hands the frames over. */
  private decode(chunk: Uint8Array): void {
    const partialBefore = this.decoder.partialFrameBytes;
    let frames: DecodedFrame[];
    try {
      frames = this.decoder.push(chunk, this.control === undefined ? Infinity : this.control.framesAllowed(this));
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.stats.wireErrors[error.code]++;
      this.abort(error);
      return;
    }
    const sizes = this.decoder.frameSizes;
    this.turnFrames += frames.length;
    for (let i = 0; i < frames.length; i++) {
      if (!this.isOpen) return;
      this.framesReceived++;
      this.stats.framesReceived++;
      this.handlers.onFrame(frames[i], this, sizes[i]);
    }
    if (!this.isOpen) return;
    if (this.stallTimeouts !== undefined) this.trackPartialFrame(this.stallTimeouts, partialBefore, frames.length);
    this.control?.buffersChanged(this);
  }

  /** Whether the read loop may decode held bytes, or read more when none are held. */
  private mayProceed(control: ReadControl): boolean {
    return this.decoder.heldBytes > 0 ? control.framesAllowed(this) > 0 : control.readAllowed(this);
  }

  /** Waits for resumeReading(); one pause in the stats until the loop goes on. */
  private pause(): Promise<void> {
    if (!this.paused) {
      this.paused = true;
      this.stats.backpressurePauses++;
      this.stats.connectionsPaused++;
    }
    this.resume ??= currentWorld()?.waiter<void>(`transport-read ${this.peer}: paused at a server limit`) ?? plainResume();
    return this.resume.promise;
  }

  private unpause(): void {
    if (!this.paused) return;
    this.paused = false;
    this.stats.connectionsPaused--;
  }

  private release(): void {
    const resume = this.resume;
    this.resume = undefined;
    resume?.resolve();
  }

  /** A new incomplete frame starts its clock; one that completed stops it. */
  private trackPartialFrame(timeouts: StallTimeouts, partialBefore: number, framesDecoded: number): void {
    if (this.decoder.partialFrameBytes === 0) this.partialSinceMs = NaN;
    // Unless it is still the frame that was incomplete before this read.
    else if (partialBefore === 0 || framesDecoded > 0) this.startStallClock('partial', timeouts);
  }

  private startStallClock(clock: 'partial' | 'write', timeouts: StallTimeouts): void {
    const nowMs = timeouts.time.now();
    if (clock === 'partial') this.partialSinceMs = nowMs;
    else this.writeSinceMs = nowMs;
    (this.stallTimer as StallTimer).ensureBy(nowMs + (clock === 'partial' ? timeouts.partialFrameMs : timeouts.writeMs));
  }

  /** The stall timer rang: reset the connection if a clock ran out, else wait for the next. */
  private readonly checkStalls = (atMs: number): void => {
    if (!this.isOpen) return;
    const { partialFrameMs, writeMs, time } = this.stallTimeouts as StallTimeouts;
    // Not earlier than the timer was set for: a real timer may ring a fraction of a millisecond early.
    const nowMs = Math.max(time.now(), atMs);
    const partialDueMs = Number.isNaN(this.partialSinceMs) ? Infinity : this.partialSinceMs + partialFrameMs;
    const writeDueMs = Number.isNaN(this.writeSinceMs) ? Infinity : this.writeSinceMs + writeMs;
    if (partialDueMs <= nowMs) {
      this.stats.partialFrameTimeouts++;
      this.abort(
        new Error(
          `${this.peer} sent ${this.decoder.partialFrameBytes} bytes of a frame and not the rest within ${partialFrameMs} ms ` +
            `(partialFrameTimeoutMs): connection reset`,
        ),
      );
    } else if (writeDueMs <= nowMs) {
      this.stats.replyStallTimeouts++;
      this.abort(
        new Error(`${this.peer} took none of ${this.unsent} reply bytes for ${writeMs} ms (replyStallTimeoutMs): connection reset`),
      );
    } else if (Math.min(partialDueMs, writeDueMs) < Infinity) {
      (this.stallTimer as StallTimer).ensureBy(Math.min(partialDueMs, writeDueMs));
    }
  };

  /** Marks the connection ended and tells the owner; false if it had already ended. */
  private end(error: unknown): boolean {
    if (!this.isOpen) return false;
    this.isOpen = false;
    const unsent = this.outbox;
    this.outbox = [];
    this.unsent = 0;
    this.unpause();
    this.release();
    this.stallTimer?.cancel();
    if (error !== undefined) this.stats.connectionsLost++;
    this.handlers.onClosed(this, error, unsent);
    return true;
  }
}
