import {
  CORRELATION_ID_OFFSET, CRC_OFFSET, DEFAULT_FRAME_BYTES_MAX, FRAME_HEADER_BYTES, FRAME_VERSION, KIND_OFFSET,
  LENGTH_OFFSET, LENGTH_PREFIX_BYTES, VERSION_OFFSET, isFrameKind, readU32, type DecodedFrame,
} from './frame.js';
import { concatBytes } from '../core/bytes.js';
import { crc32c } from './crc32c.js';
import { decodePayload } from './safe-payload.js';
import { WireError } from './wire-errors.js';

/** A frame carries at least one payload byte (the smallest msgpack value). */
const FRAME_BYTES_MIN = FRAME_HEADER_BYTES + 1;
const BUFFER_BYTES_MIN = 1024;
/** Pieces of an incomplete frame shorter than this are copied into a small buffer (reused for
 * the next frame); longer ones are kept as they are, views of the pushed chunks. */
const TAIL_BYTES_MAX = 16 * 1024;
const EMPTY = new Uint8Array(0);

export interface FrameDecoderOptions {
  /** Largest accepted frame, header included. */
  frameBytesMax?: number;
}

/**
 * Splits a byte stream into frames. Whole frames are decoded straight from the pushed chunk.
 * The one incomplete frame at its end is kept as pieces: views of the chunks for long pieces,
 * short ones copied into a small buffer, and joined once when the frame completes. So an
 * incomplete frame costs about its bytes so far (never more than frameBytesMax are taken for
 * it), however slowly and in however small pieces it arrives, and growing it copies nothing.
 *
 * push() may be told to decode at most `framesMax` frames (a reader that takes no more requests
 * than it has room for): the bytes after the last of them are held, uncopied, and decoded by
 * the next push, which then brings no new bytes (an empty chunk).
 *
 * The first WireError poisons the decoder: the stream can no longer be framed reliably, so
 * every later push rethrows it. Frames decoded earlier in the failing push are discarded.
 */
export class FrameDecoder {
  readonly frameBytesMax: number;
  /** Wire size (header included) of the frames the last push() returned: frameSizes[i] is the
   * size of its i-th frame. Reused by the next push (entries past its frames are stale). */
  readonly frameSizes: number[] = [];
  /** The incomplete frame: `parts` (long pieces and filled tails) and then the tail's first
   * `tailBytes` bytes. The tail is never one of the parts, so it can be reused. */
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  private tail: Uint8Array = EMPTY;
  private tailBytes = 0;
  /** Bytes of a chunk past a push's framesMax: a view, not a copy. */
  private held: Uint8Array = EMPTY;
  private error: WireError | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.frameBytesMax ?? DEFAULT_FRAME_BYTES_MAX;
    if (!Number.isSafeInteger(max) || max < FRAME_BYTES_MIN) {
      throw new RangeError(`frameBytesMax must be an integer >= ${FRAME_BYTES_MIN}, got ${max}`);
    }
    this.frameBytesMax = max;
  }

  /** Bytes held: an incomplete frame, and bytes past the last push's framesMax. */
  get bufferedBytes(): number {
    return this.partialFrameBytes + this.held.length;
  }

  /** Bytes of the incomplete frame the stream ends with (0 between frames); held bytes aside. */
  get partialFrameBytes(): number {
    return this.partsBytes + this.tailBytes;
  }

  /** Bytes past the last push's framesMax, waiting for a push of an empty chunk. */
  get heldBytes(): number {
    return this.held.length;
  }

  push(chunk: Uint8Array, framesMax = Infinity): DecodedFrame[] {
    if (this.error) throw this.error;
    if (!(framesMax >= 0)) throw new RangeError(`framesMax must be >= 0, got ${framesMax}`);
    if (this.held.length > 0) {
      if (chunk.length > 0) throw new Error(`FrameDecoder.push(): ${this.held.length} held bytes come first; push an empty chunk to decode them`);
      chunk = this.held;
      this.held = EMPTY;
    }
    try {
      return this.decode(chunk, framesMax);
    } catch (error) {
      if (error instanceof WireError) {
        this.error = error;
        this.parts = [];
        this.partsBytes = 0;
        this.tail = EMPTY;
        this.tailBytes = 0;
        this.held = EMPTY;
      }
      throw error;
    }
  }

  private decode(chunk: Uint8Array, framesMax: number): DecodedFrame[] {
    if (framesMax === 0) {
      this.held = chunk;
      return [];
    }
    let frames: DecodedFrame[] | undefined;
    let offset = 0;
    if (this.partialFrameBytes > 0) {
      // Complete the carried-over frame with as few bytes of the chunk as it needs.
      if (this.partialFrameBytes < LENGTH_PREFIX_BYTES) {
        offset = Math.min(chunk.length, LENGTH_PREFIX_BYTES - this.partialFrameBytes);
        this.append(chunk, 0, offset);
        if (this.partialFrameBytes < LENGTH_PREFIX_BYTES) return [];
      }
      // The length prefix came in short pieces, or in the first long one: it is contiguous.
      const size = this.frameSize(this.parts.length > 0 ? this.parts[0] : this.tail, 0);
      const take = Math.min(chunk.length - offset, size - this.partialFrameBytes);
      this.append(chunk, offset, offset + take);
      offset += take;
      if (this.partialFrameBytes < size) return [];
      frames = [this.decodeCarried(size)];
      this.frameSizes[0] = size;
    }
    while (chunk.length - offset >= LENGTH_PREFIX_BYTES && (frames?.length ?? 0) < framesMax) {
      const size = this.frameSize(chunk, offset);
      if (chunk.length - offset < size) break;
      // A literal for the first frame: an empty array would grow a 17-slot store on push.
      const frame = this.decodeFrame(chunk, offset, size);
      if (frames === undefined) frames = [frame];
      else frames.push(frame);
      this.frameSizes[frames.length - 1] = size;
      offset += size;
    }
    if (offset < chunk.length) {
      // Past framesMax even an incomplete frame is held: none is started that the reader did not ask for.
      if ((frames?.length ?? 0) >= framesMax) this.held = chunk.subarray(offset);
      else this.append(chunk, offset, chunk.length);
    }
    return frames ?? [];
  }

  /** Decodes the completed carried-over frame of `size` bytes, and starts the next one empty. */
  private decodeCarried(size: number): DecodedFrame {
    if (this.parts.length === 0) {
      const frame = this.decodeFrame(this.tail, 0, size);
      this.tailBytes = 0;
      return frame;
    }
    this.sealTail();
    const whole = concatBytes(this.parts, size);
    this.parts = [];
    this.partsBytes = 0;
    return this.decodeFrame(whole, 0, size);
  }

  /** Total size of the frame at `offset`, from its length prefix. */
  private frameSize(bytes: Uint8Array, offset: number): number {
    const size = LENGTH_PREFIX_BYTES + readU32(bytes, offset + LENGTH_OFFSET);
    if (size > this.frameBytesMax) {
      throw new WireError('oversized', `frame declares ${size} bytes, above frameBytesMax ${this.frameBytesMax}`);
    }
    if (size < FRAME_BYTES_MIN) {
      throw new WireError('malformed', `frame declares ${size} bytes, below the ${FRAME_BYTES_MIN}-byte minimum`);
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

  /** Adds chunk[from, to) to the incomplete frame: kept as a view if long, else copied into the tail. */
  private append(chunk: Uint8Array, from: number, to: number): void {
    if (to - from >= TAIL_BYTES_MAX) {
      this.sealTail();
      this.parts.push(chunk.subarray(from, to));
      this.partsBytes += to - from;
      return;
    }
    while (from < to) {
      if (this.tailBytes === this.tail.length) {
        if (this.tail.length >= TAIL_BYTES_MAX) this.sealTail();
        // Geometric growth up to TAIL_BYTES_MAX: a slow sender's bytes are copied O(1) times each.
        const grown = new Uint8Array(Math.min(TAIL_BYTES_MAX, Math.max(this.tailBytes + to - from, this.tail.length * 2, BUFFER_BYTES_MIN)));
        grown.set(this.tail.subarray(0, this.tailBytes));
        this.tail = grown;
      }
      const n = Math.min(to - from, this.tail.length - this.tailBytes);
      this.tail.set(chunk.subarray(from, from + n), this.tailBytes);
      this.tailBytes += n;
      from += n;
    }
  }

  /** Moves the tail's bytes into the parts; the next short piece starts a new tail. */
  private sealTail(): void {
    if (this.tailBytes === 0) return;
    this.parts.push(this.tail.subarray(0, this.tailBytes));
    this.partsBytes += this.tailBytes;
    this.tail = EMPTY;
    this.tailBytes = 0;
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
