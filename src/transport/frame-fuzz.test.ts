import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from './crc32c.js';
import { FRAME_HEADER_BYTES, FrameKind, encodeFrame, type DecodedFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { WireError } from './wire-errors.js';

// Reproduce a failure with FUZZ_SEED=<seed printed in the assertion message>.
const SEED = Number(process.env.FUZZ_SEED ?? 0x6d6f6f6e);
const CASES_PER_STRATEGY = 25_000;
const FRAME_BYTES_MAX = 4096;

/** xorshift32: tiny, seedable, and good enough to pick bytes and cut points. */
function rng(seed: number): (bound: number) => number {
  let state = seed >>> 0 || 1;
  return (bound) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % bound;
  };
}
type Rand = ReturnType<typeof rng>;

function randomBytes(rand: Rand, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rand(256));
}

function randomValue(rand: Rand, depth: number): unknown {
  switch (rand(depth > 2 ? 6 : 8)) {
    case 0: return rand(2 ** 31) - 2 ** 30;
    case 1: return rand(1_000_000) / 64 - 5000;
    case 2: return 'abcdefghijklmnop✓'.slice(rand(17));
    case 3: return rand(3) === 0 ? null : rand(2) === 0;
    case 4: return randomBytes(rand, rand(40));
    case 5: return rand(8) === 0 ? 'z'.repeat(1500 + rand(2000)) : rand(2 ** 20);
    case 6: return Array.from({ length: rand(5) }, () => randomValue(rand, depth + 1));
    default: return Object.fromEntries(Array.from({ length: rand(5) }, (_, i) => [`k${i}${rand(10)}`, randomValue(rand, depth + 1)]));
  }
}

/** Valid frames (all within FRAME_BYTES_MAX) and the messages they carry, shared by every case. */
const pool = (() => {
  const rand = rng(SEED ^ 0x9e3779b9);
  return Array.from({ length: 256 }, () => {
    const message: DecodedFrame = { kind: rand(4) as FrameKind, correlationId: rand(2 ** 32), payload: randomValue(rand, 0) };
    return { message, frame: encodeFrame(message.kind, message.correlationId, message.payload, FRAME_BYTES_MAX) };
  });
})();

function validStream(rand: Rand): { stream: Uint8Array; messages: DecodedFrame[]; ends: number[] } {
  const picked = Array.from({ length: 1 + rand(4) }, () => pool[rand(pool.length)]);
  const stream = Buffer.concat(picked.map((p) => p.frame));
  let end = 0;
  return { stream, messages: picked.map((p) => p.message), ends: picked.map((p) => (end += p.frame.length)) };
}

/** Feeds `bytes` in randomly sized chunks; returns the frames and the WireError, if any. */
function feed(rand: Rand, bytes: Uint8Array, where: string): { frames: DecodedFrame[]; error?: WireError } {
  const decoder = new FrameDecoder({ frameBytesMax: FRAME_BYTES_MAX });
  const frames: DecodedFrame[] = [];
  const mode = rand(3);
  for (let at = 0; at < bytes.length || at === 0; ) {
    const size = mode === 0 ? bytes.length : mode === 1 ? 1 + rand(8) : 1 + rand(bytes.length);
    const chunk = bytes.subarray(at, (at += size));
    try {
      frames.push(...decoder.push(chunk));
    } catch (error) {
      assert.ok(error instanceof WireError, `${where}: non-WireError ${String(error)}`);
      assert.throws(() => decoder.push(new Uint8Array(1)), (again) => again === error, `${where}: not poisoned`);
      return { frames, error };
    }
    assert.ok(decoder.bufferedBytes <= FRAME_BYTES_MAX, `${where}: ${decoder.bufferedBytes} bytes buffered`);
    if (bytes.length === 0) break;
  }
  return { frames };
}

function fuzz(name: string, strategy: number, runCase: (rand: Rand, where: string) => void): void {
  test(`fuzz: ${name}`, () => {
    const rand = rng(SEED + strategy);
    for (let i = 0; i < CASES_PER_STRATEGY; i++) runCase(rand, `seed ${SEED} ${name} case ${i}`);
  });
}

fuzz('random bytes', 1, (rand, where) => {
  feed(rand, randomBytes(rand, rand(600)), where);
});

fuzz('random length prefixes', 2, (rand, where) => {
  const bytes = randomBytes(rand, 4 + rand(300));
  const lengths = [rand(FRAME_HEADER_BYTES + 2), FRAME_BYTES_MAX - 8 + rand(16), rand(2 ** 32), rand(400)];
  new DataView(bytes.buffer).setUint32(0, lengths[rand(lengths.length)]);
  feed(rand, bytes, where);
});

fuzz('valid checksum around a random version, kind and payload', 3, (rand, where) => {
  const bytes = randomBytes(rand, FRAME_HEADER_BYTES + 1 + rand(200));
  const view = new DataView(bytes.buffer);
  const version = rand(8) === 0 ? rand(256) : 1;
  view.setUint32(0, bytes.length - 4);
  view.setUint8(8, version);
  view.setUint8(9, rand(5));
  view.setUint32(4, crc32c(bytes, 8));
  const { frames, error } = feed(rand, bytes, where);
  const expected = version === 1 ? 'malformed' : 'version';
  assert.ok(error ? error.code === expected : frames.length === 1, `${where}: ${error?.message}`);
});

fuzz('valid frames with flipped bits decode only to their original messages', 4, (rand, where) => {
  const { stream, messages } = validStream(rand);
  for (let flips = 1 + rand(3); flips > 0; flips--) stream[rand(stream.length)] ^= 1 << rand(8);
  const { frames } = feed(rand, stream, where);
  assert.deepEqual(frames, messages.slice(0, frames.length), where);
});

fuzz('truncated valid streams decode every complete frame and wait for the rest', 5, (rand, where) => {
  const { stream, messages, ends } = validStream(rand);
  const cut = rand(stream.length + 1);
  const { frames, error } = feed(rand, stream.subarray(0, cut), where);
  assert.equal(error, undefined, where);
  assert.deepEqual(frames, messages.slice(0, ends.filter((end) => end <= cut).length), where);
});
