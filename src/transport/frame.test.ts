import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from './crc32c.js';
import { DEFAULT_FRAME_BYTES_MAX, FRAME_HEADER_BYTES, FRAME_VERSION, FrameKind, encodeFrame, readU32 } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { WireError } from './wire-errors.js';

function roundTrip(payload: unknown): unknown {
  const frames = new FrameDecoder().push(encodeFrame(FrameKind.Response, 42, payload));
  assert.equal(frames.length, 1);
  assert.equal(frames[0].kind, FrameKind.Response);
  assert.equal(frames[0].correlationId, 42);
  return frames[0].payload;
}

test('encodeFrame writes the documented big-endian header', () => {
  const frame = encodeFrame(FrameKind.ErrorResponse, 0xdeadbeef, 'hi');
  assert.equal(Object.getPrototypeOf(frame), Uint8Array.prototype);
  assert.equal(readU32(frame, 0), frame.length - 4);
  assert.equal(readU32(frame, 4), crc32c(frame, 8));
  assert.deepEqual([frame[8], frame[9]], [FRAME_VERSION, FrameKind.ErrorResponse]);
  assert.equal(readU32(frame, 10), 0xdeadbeef);
  assert.deepEqual([...frame.subarray(FRAME_HEADER_BYTES)], [0xa2, 0x68, 0x69]); // fixstr "hi"
});

test('scalars round-trip', () => {
  const scalars = [0, 1, -1, 127, -33, 255, 65536, 2 ** 32, -(2 ** 40), 2 ** 53 - 1, 1.5, -0.25, Math.PI, 1e300];
  for (const value of [...scalars, Infinity, -Infinity, NaN, 10n ** 18n, -5n, '', 'hé ✓ 𝄞', true, false, null, undefined]) {
    assert.deepEqual(roundTrip(value), value, `payload ${String(value)}`);
  }
});

test('structured payloads round-trip', () => {
  const payload = {
    method: 'kv.put',
    args: [{ key: 'a/b', value: { nested: [1, [2, [3, { deep: 'yes' }]]], empty: {}, none: [] } }, null, false],
    bytes: new Uint8Array([0, 1, 254, 255]),
    at: new Date(1_700_000_000_123),
    meta: { 'key with spaces': 1, '': 2, 3: 'numeric key' },
  };
  assert.deepEqual(roundTrip(payload), payload);
  assert.deepEqual(roundTrip(new Uint8Array(0)), new Uint8Array(0));
});

test('big-ish payloads round-trip', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `row-${i}`, tags: ['a', 'b'], score: i / 7 }));
  assert.deepEqual(roundTrip(rows), rows);
  const text = 'x'.repeat(300_000) + '✓';
  assert.equal(roundTrip(text), text);
  const blob = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0xff);
  assert.deepEqual(roundTrip(blob), blob);
  const wide: Record<string, number> = {};
  for (let i = 0; i < 70_000; i++) wide[`k${i}`] = i; // beyond msgpack map16
  assert.deepEqual(new FrameDecoder({ frameBytesMax: 4 << 20 }).push(encodeFrame(0, 1, wide, 4 << 20))[0].payload, wide);
});

test('decoded binary is a plain Uint8Array whether or not the chunk was a Buffer', () => {
  const frame = encodeFrame(FrameKind.Request, 1, new Uint8Array([9, 8]));
  for (const chunk of [frame, Buffer.from(frame)]) {
    const [decoded] = new FrameDecoder().push(chunk);
    assert.equal(Object.getPrototypeOf(decoded.payload), Uint8Array.prototype);
  }
});

test('frames from separate encodeFrame calls do not share bytes', () => {
  const first = encodeFrame(FrameKind.Request, 1, 'first');
  const copy = first.slice();
  encodeFrame(FrameKind.Request, 2, 'second'.repeat(5000));
  assert.deepEqual(first, copy);
});

test('encodeFrame rejects bad arguments and frames the peer would refuse', () => {
  assert.throws(() => encodeFrame(7 as FrameKind, 1, null), RangeError);
  for (const id of [-1, 1.5, 2 ** 32, NaN]) assert.throws(() => encodeFrame(FrameKind.Request, id, null), RangeError);
  assert.throws(
    () => encodeFrame(FrameKind.Request, 1, 'x'.repeat(DEFAULT_FRAME_BYTES_MAX)),
    (error: unknown) => error instanceof WireError && error.code === 'oversized',
  );
  const exact = encodeFrame(FrameKind.Request, 1, 'x'.repeat(100));
  assert.equal(encodeFrame(FrameKind.Request, 1, 'x'.repeat(100), exact.length).length, exact.length);
});
