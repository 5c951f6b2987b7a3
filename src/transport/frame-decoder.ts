import {
  CORRELATION_ID_OFFSET, CRC_OFFSET, DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES, FRAME_VERSION, KIND_OFFSET,
  LENGTH_OFFSET, LENGTH_PREFIX_BYTES, VERSION_OFFSET, isFrameKind, readU32, type DecodedFrame,
} from './frame.js';
import { crc32c } from './crc32c.js';
import { decodePayload } from './safe-payload.js';
import { WireError } from './wire-errors.js';

/** A frame carries at least one payload byte (the smallest msgpack value). */
const MIN_FRAME_BYTES = FRAME_HEADER_BYTES + 1;
const MIN_BUFFER_BYTES = 1024;
/** A partial-frame buffer up to this size is reused for the next partial frame; a larger one is released. */
const RETAINED_BUFFER_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);

export interface FrameDecoderOptions {
  /** Largest accepted frame, header included. */
  maxFrameBytes?: number;
}

/**
 * Splits a byte stream into frames. Whole frames are decoded straight from the pushed chunk;
 * only the one incomplete frame at its end is copied, into a buffer that grows geometrically
 * up to that frame's declared size, so bufferedBytes never exceeds maxFrameBytes.
 *
 * The first WireError poisons the decoder: the stream can no longer be framed reliably, so
 * every later push rethrows it. Frames decoded earlier in the failing push are discarded.
 */
export class FrameDecoder {
  readonly maxFrameBytes: number;
  private pending = EMPTY;
  private pendingBytes = 0;
  private error: WireError | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isSafeInteger(max) || max < MIN_FRAME_BYTES) {
      throw new RangeError(`maxFrameBytes must be an integer >= ${MIN_FRAME_BYTES}, got ${max}`);
    }
    this.maxFrameBytes = max;
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.error) throw this.error;
    try {
      return this.decode(chunk);
    } catch (error) {
      if (error instanceof WireError) {
        this.error = error;
        this.pending = EMPTY;
        this.pendingBytes = 0;
      }
      throw error;
    }
  }

  private decode(chunk: Uint8Array): DecodedFrame[] {
    let frames: DecodedFrame[] | undefined;
    let offset = 0;
    if (this.pendingBytes > 0) {
      // Complete the carried-over frame with as few bytes of the chunk as it needs.
      if (this.pendingBytes < LENGTH_PREFIX_BYTES) {
        offset = Math.min(chunk.length, LENGTH_PREFIX_BYTES - this.pendingBytes);
        this.append(chunk, 0, offset, this.maxFrameBytes);
        if (this.pendingBytes < LENGTH_PREFIX_BYTES) return [];
      }
      const size = this.frameSize(this.pending, 0);
      const take = Math.min(chunk.length - offset, size - this.pendingBytes);
      this.append(chunk, offset, offset + take, size);
      offset += take;
      if (this.pendingBytes < size) return [];
      frames = [this.decodeFrame(this.pending, 0, size)];
      this.pendingBytes = 0;
      if (this.pending.length > RETAINED_BUFFER_BYTES) this.pending = EMPTY;
    }
    let limit = this.maxFrameBytes;
    while (chunk.length - offset >= LENGTH_PREFIX_BYTES) {
      const size = this.frameSize(chunk, offset);
      if (chunk.length - offset < size) {
        limit = size;
        break;
      }
      // A literal for the first frame: an empty array would grow a 17-slot store on push.
      const frame = this.decodeFrame(chunk, offset, size);
      if (frames === undefined) frames = [frame];
      else frames.push(frame);
      offset += size;
    }
    if (offset < chunk.length) this.append(chunk, offset, chunk.length, limit);
    return frames ?? [];
  }

  /** Total size of the frame at `offset`, from its length prefix. */
  private frameSize(bytes: Uint8Array, offset: number): number {
    const size = LENGTH_PREFIX_BYTES + readU32(bytes, offset + LENGTH_OFFSET);
    if (size > this.maxFrameBytes) {
      throw new WireError('oversized', `frame declares ${size} bytes, above maxFrameBytes ${this.maxFrameBytes}`);
    }
    if (size < MIN_FRAME_BYTES) {
      throw new WireError('malformed', `frame declares ${size} bytes, below the ${MIN_FRAME_BYTES}-byte minimum`);
    }
    return size;
  }

  private decodeFrame(bytes: Uint8Array, offset: number, size: number): DecodedFrame {
    const end = offset + size;
    const expected = readU32(bytes, offset + CRC_OFFSET);
    const actual = crc32c(bytes, offset + VERSION_OFFSET, end);
    if (expected !== actual) {
      throw new WireError('checksum', `frame checksum mismatch: header says ${hex(expected)}, content hashes to ${hex(actual)}`);
    }
    const version = bytes[offset + VERSION_OFFSET];
    if (version !== FRAME_VERSION) {
      throw new WireError('version', `unsupported frame version ${version}, this decoder reads version ${FRAME_VERSION}`);
    }
    const kind = bytes[offset + KIND_OFFSET];
    if (!isFrameKind(kind)) throw new WireError('malformed', `unknown frame kind ${kind}`);
    const correlationId = readU32(bytes, offset + CORRELATION_ID_OFFSET);
    try {
      return { kind, correlationId, payload: decodePayload(bytes, offset + FRAME_HEADER_BYTES, end) };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new WireError('malformed', `undecodable payload in frame kind ${kind}, correlationId ${correlationId}: ${reason}`, { cause });
    }
  }

  /** Copies chunk[from, to) after the pending bytes, growing the buffer geometrically up to `limit`. */
  private append(chunk: Uint8Array, from: number, to: number, limit: number): void {
    const needed = this.pendingBytes + to - from;
    if (needed > this.pending.length) {
      const grown = new Uint8Array(Math.min(Math.max(needed, this.pending.length * 2, MIN_BUFFER_BYTES), limit));
      grown.set(this.pending.subarray(0, this.pendingBytes));
      this.pending = grown;
    }
    this.pending.set(chunk.subarray(from, to), this.pendingBytes);
    this.pendingBytes = needed;
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
