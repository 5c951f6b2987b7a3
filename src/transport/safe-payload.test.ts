import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from './crc32c.js';
import { FRAME_HEADER_BYTES, FrameKind, encodeFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { WireError } from './wire-errors.js';

function rawFrame(payload: ArrayLike<number>): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, frame.length - 4);
  view.setUint8(8, 1);
  frame.set(payload, FRAME_HEADER_BYTES);
  view.setUint32(4, crc32c(frame, 8));
  return frame;
}

const isMalformed = (error: unknown): boolean => error instanceof WireError && error.code === 'malformed';
const str = (s: string): number[] => [0xa0 + s.length, ...Buffer.from(s)];
const decode = (payload: ArrayLike<number>): unknown => new FrameDecoder().push(rawFrame(payload))[0].payload;

test('a __proto__ key neither pollutes Object.prototype nor sets the decoded prototype', () => {
  // { __proto__: { polluted: true }, ok: 1 }, written by hand as a msgpack fixmap
  const decoded = decode([0x82, ...str('__proto__'), 0x81, ...str('polluted'), 0xc3, ...str('ok'), 0x01]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.equal((decoded as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(decoded, { ok: 1 });
});

test('constructor and prototype keys are dropped at every depth', () => {
  const payload = JSON.parse(
    '{"constructor":{"prototype":{"polluted":true}},"list":[{"__proto__":{"x":1},"keep":true}],"inner":{"prototype":1,"y":2}}',
  );
  const [decoded] = new FrameDecoder().push(encodeFrame(FrameKind.Request, 1, payload));
  assert.deepEqual(decoded.payload, { list: [{ keep: true }], inner: { y: 2 } });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('msgpackr-only extension values are malformed, not plain data', () => {
  const extensions = [
    // fixext1 with a filler data byte; these extensions then read the value that follows
    [0xd4, 0x73, 0x00, 0x90], // Set
    [0xd4, 0x65, 0x00, 0x92, ...str('Error'), ...str('boom')], // Error
    [0xd4, 0x78, 0x00, 0x92, ...str('a+'), ...str('')], // RegExp
    [0xd5, 0x74, 0x00, 0x7f], // Int8Array
    [0xc7, 0x04, 0x70, 0, 0, 0, 0], // structured-clone pointer
  ];
  for (const payload of extensions) {
    assert.throws(() => decode(payload), isMalformed, `payload ${payload}`);
  }
});

test('nesting deep enough to exhaust the stack is malformed, and decoding still works afterwards', () => {
  const depth = 200_000;
  const nested = new Uint8Array(depth + 1).fill(0x91);
  nested[depth] = 0xc0;
  const decoder = new FrameDecoder({ frameBytesMax: 1 << 20 });
  assert.throws(() => decoder.push(rawFrame(nested)), isMalformed);
  assert.deepEqual(decode([0x91, 0x91, 0xc0]), [[null]]);
});
