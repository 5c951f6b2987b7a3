import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crc32c } from './crc32c.js';
import { FRAME_HEADER_BYTES, FrameKind, encodeFrame, type DecodedFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { WireError, type WireErrorCode } from './wire-errors.js';

/** A frame around arbitrary payload bytes, with a correct checksum unless told otherwise. */
function rawFrame(payload: ArrayLike<number>, { version = 1, kind = 0, id = 5 } = {}): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, frame.length - 4);
  view.setUint8(8, version);
  view.setUint8(9, kind);
  view.setUint32(10, id);
  frame.set(payload, FRAME_HEADER_BYTES);
  view.setUint32(4, crc32c(frame, 8));
  return frame;
}

function isWireError(code: WireErrorCode): (error: unknown) => boolean {
  return (error) => error instanceof WireError && error.code === code && error.message.length > 0;
}

function pushAll(decoder: FrameDecoder, chunks: Uint8Array[]): DecodedFrame[] {
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

const RESERVED = new Set(['__proto__', '__proto_', 'constructor', 'prototype']);
/** What a JSON value should decode to: plain objects, -0 as 0, reserved keys dropped. */
function expectedPayload(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (RESERVED.has(key) ? undefined : v));
}

test('any frame sequence cut at arbitrary points decodes to the same messages in order', () => {
  const message = fc.record({
    kind: fc.constantFrom(FrameKind.Request, FrameKind.Response, FrameKind.ErrorResponse, FrameKind.Ping),
    correlationId: fc.nat({ max: 0xffffffff }),
    payload: fc.jsonValue(),
  });
  fc.assert(
    fc.property(fc.array(message, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (messages, rawCuts) => {
      const frames = messages.map((m) => encodeFrame(m.kind, m.correlationId, m.payload));
      const stream = Buffer.concat(frames);
      const cuts = [...new Set(rawCuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...cuts].map((from, i) => stream.subarray(from, i < cuts.length ? cuts[i] : stream.length));
      const decoder = new FrameDecoder();
      const decoded = pushAll(decoder, chunks);
      assert.deepEqual(decoded, messages.map((m) => ({ ...m, payload: expectedPayload(m.payload) })));
      assert.equal(decoder.bufferedBytes, 0);
    }),
  );
});

test('many frames in one chunk, and the same stream fed one byte at a time', () => {
  const stream = Buffer.concat([0, 1, 2, 3].map((i) => encodeFrame(FrameKind.Request, i, { i, pad: 'p'.repeat(i * 700) })));
  const expected = [0, 1, 2, 3].map((i) => ({ kind: FrameKind.Request, correlationId: i, payload: { i, pad: 'p'.repeat(i * 700) } }));
  assert.deepEqual(new FrameDecoder().push(stream), expected);
  const decoder = new FrameDecoder();
  const bytewise = pushAll(decoder, Array.from(stream, (_, i) => stream.subarray(i, i + 1)));
  assert.deepEqual(bytewise, expected);
  assert.deepEqual(decoder.push(new Uint8Array(0)), []);
});

test('a flipped payload bit is a checksum error', () => {
  const frame = encodeFrame(FrameKind.Request, 9, { amount: 100 });
  frame[frame.length - 1] ^= 0x04;
  assert.throws(() => new FrameDecoder().push(frame), isWireError('checksum'));
});

test('an oversized length is rejected from the length prefix alone', () => {
  const decoder = new FrameDecoder();
  assert.throws(() => decoder.push(new Uint8Array([0xff, 0xff, 0xff, 0xf0])), isWireError('oversized'));
  assert.equal(decoder.bufferedBytes, 0);
  const frame = encodeFrame(FrameKind.Request, 1, 'y'.repeat(200));
  assert.equal(new FrameDecoder({ frameBytesMax: frame.length }).push(frame).length, 1);
  const small = new FrameDecoder({ frameBytesMax: frame.length - 1 });
  assert.deepEqual(small.push(frame.subarray(0, 3)), []);
  assert.throws(() => small.push(frame.subarray(3, 4)), isWireError('oversized'));
});

test('an unknown version with a valid checksum is a version error', () => {
  assert.throws(() => new FrameDecoder().push(rawFrame([0xc0], { version: 2 })), isWireError('version'));
});

test('undecodable frames are malformed', () => {
  const cases = [
    rawFrame([0xc1]), // the one byte msgpack never uses
    rawFrame([0x92, 0x01]), // array of two with one element
    rawFrame([0x01, 0x02]), // trailing bytes after the value
    rawFrame([0x01], { kind: 4 }),
    new Uint8Array([0, 0, 0, 10, ...new Uint8Array(10)]), // length leaves no room for a payload
  ];
  for (const frame of cases) assert.throws(() => new FrameDecoder().push(frame), isWireError('malformed'), `frame ${frame}`);
});

test('after an error the decoder stays poisoned with the same error', () => {
  const decoder = new FrameDecoder();
  const good = encodeFrame(FrameKind.Ping, 1, null);
  assert.equal(decoder.push(good).length, 1);
  let first: unknown;
  assert.throws(() => decoder.push(rawFrame([0x01], { version: 9 })), (error) => ((first = error), true));
  assert.ok(first instanceof WireError);
  assert.equal(decoder.bufferedBytes, 0);
  for (const chunk of [good, new Uint8Array(0)]) assert.throws(() => decoder.push(chunk), (error) => error === first);
});

test('frameBytesMax must leave room for a header and a payload byte', () => {
  assert.throws(() => new FrameDecoder({ frameBytesMax: FRAME_HEADER_BYTES }), RangeError);
  assert.throws(() => new FrameDecoder({ frameBytesMax: 1500.5 }), RangeError);
});

test('framesMax: any cut of a stream, decoded a few frames at a time, gives the same frames, their sizes, and starts no frame unasked', () => {
  fc.assert(
    fc.property(
      fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 16 }),
      (payloads, rawCuts, limits) => {
        const frames = payloads.map((payload, i) => encodeFrame(FrameKind.Request, i, payload));
        const stream = Buffer.concat(frames);
        const cuts = [...new Set(rawCuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...cuts].map((from, i) => stream.subarray(from, i < cuts.length ? cuts[i] : stream.length));
        const decoder = new FrameDecoder();
        const ids: number[] = [];
        let pushes = 0;
        // A reader asks for held bytes only once it has room for a frame.
        const take = (chunk: Uint8Array) => {
          const framesMax = limits[pushes++ % limits.length] + (decoder.heldBytes > 0 ? 1 : 0);
          const decoded = decoder.push(chunk, framesMax);
          assert.ok(decoded.length <= framesMax);
          decoded.forEach((frame, i) => {
            assert.equal(decoder.frameSizes[i], frames[frame.correlationId].length);
            ids.push(frame.correlationId);
          });
          // Held bytes come only with a full quota, and then no frame is started.
          if (decoder.heldBytes > 0) assert.ok(decoded.length === framesMax);
        };
        for (const chunk of chunks) {
          take(chunk);
          while (decoder.heldBytes > 0) take(new Uint8Array(0));
        }
        assert.deepEqual(ids, frames.map((_, i) => i));
        assert.equal(decoder.bufferedBytes, 0);
      },
    ),
  );
});

test('held bytes come before any new chunk, and count as buffered but not as a partial frame', () => {
  const two = Buffer.concat([encodeFrame(FrameKind.Request, 1, 'a'), encodeFrame(FrameKind.Request, 2, 'b')]);
  const decoder = new FrameDecoder();
  assert.deepEqual(decoder.push(two.subarray(0, two.length - 3), 0), []);
  assert.deepEqual([decoder.heldBytes, decoder.partialFrameBytes, decoder.bufferedBytes], [two.length - 3, 0, two.length - 3]);
  assert.throws(() => decoder.push(two.subarray(two.length - 3)), /held bytes come first/);
  assert.deepEqual(decoder.push(new Uint8Array(0), 1).map((f) => f.payload), ['a']);
  assert.deepEqual(decoder.push(new Uint8Array(0), 5), []);
  assert.deepEqual([decoder.heldBytes, decoder.partialFrameBytes], [0, two.length / 2 - 3]);
  assert.deepEqual(decoder.push(two.subarray(two.length - 3)).map((f) => f.payload), ['b']);
});

test('a large frame arriving in pieces of every size is decoded whole', () => {
  const payload = new Uint8Array(300_000).map((_, i) => i * 7);
  const frame = encodeFrame(FrameKind.Response, 3, payload);
  const decoder = new FrameDecoder();
  // Pieces below and above the size the decoder copies rather than keeps.
  const sizes = [1, 3, 100, 20_000, 5, 70_000, 16 * 1024, 16 * 1024 - 1];
  const decoded: DecodedFrame[] = [];
  for (let offset = 0, i = 0; offset < frame.length; i++) {
    const end = Math.min(frame.length, offset + sizes[i % sizes.length]);
    decoded.push(...decoder.push(frame.subarray(offset, end)));
    if (end < frame.length) assert.equal(decoder.partialFrameBytes, end);
    offset = end;
  }
  assert.equal(decoded.length, 1);
  assert.deepEqual(decoded[0].payload, payload);
  assert.equal(decoder.bufferedBytes, 0);
});
