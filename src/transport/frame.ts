import { Packr, RESERVE_START_SPACE } from 'msgpackr';
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
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

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
 * Encodes one frame. Throws a RangeError for an unknown kind or a correlationId that is not
 * a u32, and a WireError 'oversized' when the frame would exceed `maxFrameBytes` (the peer's
 * decoder would reject it and drop the connection).
 */
export function encodeFrame(
  kind: FrameKind,
  correlationId: number,
  payload: unknown,
  maxFrameBytes = DEFAULT_MAX_FRAME_BYTES,
): Uint8Array {
  if (!isFrameKind(kind)) throw new RangeError(`unknown frame kind ${kind}`);
  if (correlationId >>> 0 !== correlationId) throw new RangeError(`correlationId ${correlationId} is not a u32`);
  // msgpackr leaves FRAME_HEADER_BYTES unwritten in front of the payload: no copy to prepend the header.
  const frame = packr.pack(payload, RESERVE_START_SPACE | FRAME_HEADER_BYTES);
  if (frame.length > maxFrameBytes) {
    throw new WireError('oversized', `frame of ${frame.length} bytes exceeds maxFrameBytes ${maxFrameBytes}`);
  }
  writeU32(frame, LENGTH_OFFSET, frame.length - LENGTH_PREFIX_BYTES);
  frame[VERSION_OFFSET] = FRAME_VERSION;
  frame[KIND_OFFSET] = kind;
  writeU32(frame, CORRELATION_ID_OFFSET, correlationId);
  writeU32(frame, CRC_OFFSET, crc32c(frame, VERSION_OFFSET, frame.length));
  // A plain Uint8Array, not msgpackr's Buffer, so simulated and real transports carry the same type.
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.length);
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
