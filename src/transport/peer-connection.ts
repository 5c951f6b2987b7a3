import { concatBytes } from '../core/bytes.js';
import { ConnectionClosedError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import type { TaskProvider } from '../providers/task-provider.js';
import type { DecodedFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
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
  onFrame(frame: DecodedFrame, peer: PeerConnection): void;
  /** Called once when the connection ends: `error` is undefined after close() by the owner;
   * `unsent` are the frames never handed to the socket. */
  onClosed(peer: PeerConnection, error: unknown, unsent: OutboundFrame[]): void;
}

/** A connection that can keep a written buffer without copying it, when the writer hands it
 * over (the simulated one). Frames are built for one write and never touched again. */
interface HandOverWrites {
  writeHandedOver(bytes: Uint8Array): Promise<void>;
}

function takesHandOver(conn: Connection): conn is Connection & HandOverWrites {
  return typeof (conn as Partial<HandOverWrites>).writeHandedOver === 'function';
}

/** Frames queued while a write is outstanding go out together, up to this many bytes. */
const BATCH_BYTES_MAX = 64 * 1024;

/**
 * One framed connection: a read loop (a task of the given TaskProvider) that decodes frames and
 * hands them to the owner, and a writer that keeps at most one write outstanding and batches the
 * frames queued meanwhile. A frame that fails to decode resets the connection and is counted.
 */
export class PeerConnection {
  readonly peer: string;
  /** Frames decoded from this connection so far: progress, as opposed to bytes piling up. */
  framesReceived = 0;
  private readonly decoder: FrameDecoder;
  private outbox: OutboundFrame[] = [];
  private writing = false;
  private isOpen = true;
  private readonly handOver: boolean;

  constructor(
    private readonly conn: Connection,
    private readonly stats: TransportStats,
    private readonly handlers: PeerHandlers,
    maxFrameBytes: number,
  ) {
    this.peer = conn.remoteAddress;
    this.handOver = takesHandOver(conn);
    this.decoder = new FrameDecoder({ maxFrameBytes });
  }

  get open(): boolean {
    return this.isOpen;
  }

  start(tasks: TaskProvider, name: string): void {
    tasks.spawn(name, () => this.readLoop());
  }

  send(item: OutboundFrame): void {
    if (!this.isOpen) throw new Error(`moonpool internal invariant broken: send on the closed connection to ${this.peer}`);
    this.outbox.push(item);
    if (!this.writing) this.flush();
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
      if (!item.claim()) continue;
      if (first === undefined) first = item.frame;
      else (batch ??= [first]).push(item.frame);
      bytes += item.frame.length;
    }
    this.writing = first !== undefined;
    if (first === undefined) return;
    this.stats.framesSent += batch === undefined ? 1 : batch.length;
    const data = batch === undefined ? first : concatBytes(batch, bytes);
    const written = this.handOver ? (this.conn as Connection & HandOverWrites).writeHandedOver(data) : this.conn.write(data);
    written.then(this.afterWrite, this.abortOnWriteError);
  }

  // Created once per connection, not per write.
  private readonly afterWrite = (): void => {
    if (this.isOpen) this.flush();
  };

  private readonly abortOnWriteError = (error: unknown): void => this.abort(error);

  private async readLoop(): Promise<void> {
    while (this.isOpen) {
      let chunk: Uint8Array | null;
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
      let frames: DecodedFrame[];
      try {
        frames = this.decoder.push(chunk);
      } catch (error) {
        if (!(error instanceof WireError)) throw error;
        this.stats.wireErrors[error.code]++;
        this.abort(error);
        return;
      }
      for (let i = 0; i < frames.length; i++) {
        if (!this.isOpen) return;
        this.framesReceived++;
        this.stats.framesReceived++;
        this.handlers.onFrame(frames[i], this);
      }
    }
  }

  /** Marks the connection ended and tells the owner; false if it had already ended. */
  private end(error: unknown): boolean {
    if (!this.isOpen) return false;
    this.isOpen = false;
    const unsent = this.outbox;
    this.outbox = [];
    if (error !== undefined) this.stats.connectionsLost++;
    this.handlers.onClosed(this, error, unsent);
    return true;
  }
}
