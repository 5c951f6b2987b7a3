// 'msgpackr/pack' is msgpackr without its optional native string extractor: loading that probes
// for a prebuilt addon in every worker, and small frames gain nothing from it.
import { currentWorld } from '../core/current.js';
import { Packr, RESERVE_START_SPACE, RESET_BUFFER_MODE, REUSE_BUFFER_MODE } from 'msgpackr/pack';
import { crc32c } from './crc32c.js';
import { WireError } from './wire-errors.js';

/**
 * Frame layout, big-endian:
 *   u32 length          bytes after this field
 *   u32 crc32c          of every byte after this field
 *   u8  version         FRAME_VERSION
 *   u8  kind            FrameKind
 *   u32 correlationId
 *   ... payload         one msgpack value
 */
export const LENGTH_OFFSET = 0;
export const LENGTH_PREFIX_BYTES = 4;
export const CRC_OFFSET = 4;
export const VERSION_OFFSET = 8;
export const KIND_OFFSET = 9;
export const CORRELATION_ID_OFFSET = 10;
export const FRAME_HEADER_BYTES = 14;

export const FRAME_VERSION = 1;
/** Largest frame (header included) a decoder accepts by default. */
export const DEFAULT_FRAME_BYTES_MAX = 1024 * 1024;

export const FrameKind = {
  Request: 0,
  Response: 1,
  ErrorResponse: 2,
  Ping: 3,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export function isFrameKind(kind: number): kind is FrameKind {
  return kind === 0 || kind === 1 || kind === 2 || kind === 3;
}

export interface DecodedFrame {
  kind: FrameKind;
  correlationId: number;
  payload: unknown;
}

/**
 * Standard msgpack only (no record extension), so any msgpack decoder can read a frame.
 * variableMapSize: fixmaps for small objects, and objects with over 65535 keys still encode.
 */
const packr = new Packr({ useRecords: false, variableMapSize: true });
/**
 * msgpackr packs into its own buffer and leaves FRAME_HEADER_BYTES free in front of the payload;
 * the reuse and reset modes hand back that buffer with the bounds instead of a view, and reuse
 * its space for the next frame, so one frame costs one exactly-sized copy and no buffer churn.
 */
const PACK_MODE = REUSE_BUFFER_MODE | RESET_BUFFER_MODE | RESERVE_START_SPACE | FRAME_HEADER_BYTES;
/** Copying byte by byte beats a native copy (which needs a subarray) below this size. */
const LOOP_COPY_BYTES_MAX = 64;

/**
 * Encodes one frame. Throws a RangeError for an unknown kind or a correlationId that is not
 * a u32, and a WireError 'oversized' when the frame would exceed `frameBytesMax` (the peer's
 * decoder would reject it and drop the connection).
 */
export function encodeFrame(
  kind: FrameKind,
  correlationId: number,
  payload: unknown,
  frameBytesMax = DEFAULT_FRAME_BYTES_MAX,
): Uint8Array {
  if (!isFrameKind(kind)) throw new RangeError(`unknown frame kind ${kind}`);
  if (correlationId >>> 0 !== correlationId) throw new RangeError(`correlationId ${correlationId} is not a u32`);
  const packed = packr.pack(payload, PACK_MODE) as Buffer & { start: number; end: number };
  const { start, end } = packed;
  if (end - start > frameBytesMax) {
    throw new WireError('oversized', `frame of ${end - start} bytes exceeds frameBytesMax ${frameBytesMax}`);
  }
  // A plain Uint8Array, not msgpackr's Buffer, so simulated and real transports carry the same type.
  const frame = new Uint8Array(end - start);
  if (frame.length <= LOOP_COPY_BYTES_MAX) for (let i = FRAME_HEADER_BYTES; i < frame.length; i++) frame[i] = packed[start + i];
  else frame.set(packed.subarray(start + FRAME_HEADER_BYTES, end), FRAME_HEADER_BYTES);
  writeU32(frame, LENGTH_OFFSET, frame.length - LENGTH_PREFIX_BYTES);
  frame[VERSION_OFFSET] = FRAME_VERSION;
  frame[KIND_OFFSET] = kind;
  writeU32(frame, CORRELATION_ID_OFFSET, correlationId);
  writeU32(frame, CRC_OFFSET, crc32c(frame, VERSION_OFFSET, frame.length));
  currentWorld()?.timeline?.annotateFrame(frame, kind, correlationId);
  return frame;
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}
