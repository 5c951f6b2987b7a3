import { Unpackr } from 'msgpackr/unpack'; // without the native extractor (see frame.ts)

/**
 * Maps decode to plain objects. copyBuffers: decoded binary must not alias the decoder's
 * (reused) buffer. structuredClone false: reject msgpackr's object-reference extensions.
 */
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, copyBuffers: true, structuredClone: false });

/**
 * Keys dropped from every decoded object, so a naive deep-merge downstream cannot reach a
 * prototype. msgpackr itself never assigns `__proto__`: it renames that key to `__proto_`,
 * which is therefore dropped as well (it cannot be told apart from a renamed `__proto__`).
 */
const RESERVED_KEYS = new Set(['__proto__', '__proto_', 'constructor', 'prototype']);

/** Payloads up to this size are unpacked from one reused buffer (see decodePayload). */
const SCRATCH_BYTES_MAX = 64 * 1024;
/** Copying byte by byte beats a native copy (which needs a subarray) below this size. */
const LOOP_COPY_BYTES_MAX = 64;
let scratch = new Uint8Array(1024);

/**
 * Unpacks the one msgpack value filling `bytes[start, end)` and sanitizes it in place. Throws
 * (msgpackr's error or a TypeError) on invalid msgpack, trailing bytes, or a value that is
 * not plain data.
 */
export function decodePayload(bytes: Uint8Array, start: number, end: number): unknown {
  const length = end - start;
  let value: unknown;
  if (length <= SCRATCH_BYTES_MAX) {
    // Copied into a reused plain Uint8Array: a fresh view per payload costs far more (V8 moves
    // a small array's bytes off the heap for `.buffer`, and msgpackr builds a DataView for every
    // new source). copyBuffers keeps decoded binary from aliasing the scratch buffer.
    if (length > scratch.length) scratch = new Uint8Array(Math.min(SCRATCH_BYTES_MAX, Math.max(length, scratch.length * 2)));
    if (length <= LOOP_COPY_BYTES_MAX) for (let i = 0; i < length; i++) scratch[i] = bytes[start + i];
    else scratch.set(bytes.subarray(start, end));
    value = unpackr.unpack(scratch, length);
  } else {
    // A plain Uint8Array view even when `bytes` is a Buffer: msgpackr copies bin values with the
    // source's type, and payloads must not depend on whether the chunk came from a Node socket.
    value = unpackr.unpack(new Uint8Array(bytes.buffer, bytes.byteOffset + start, length));
  }
  sanitize(value);
  return value;
}

/**
 * One pass over arrays and plain objects. Allowed leaves are primitives, Uint8Array (msgpack
 * bin) and Date (msgpack timestamp); anything else can only come from a msgpackr-specific
 * extension (Set, Error, RegExp, typed arrays) that our encoder never emits.
 */
function sanitize(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) sanitize(value[i]);
    return;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (RESERVED_KEYS.has(key)) delete record[key];
      else sanitize(record[key]);
    }
    return;
  }
  if (value instanceof Uint8Array || value instanceof Date) return;
  throw new TypeError(`payload holds a value of type ${value.constructor?.name ?? 'null-prototype object'}, which is not plain data`);
}
