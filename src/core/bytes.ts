import { invariant } from './assert.js';

/** `parts` joined into one array of `length` bytes (their summed length, known to the caller). */
export function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  invariant(offset === length, `concatBytes: the parts hold ${offset} bytes, not the ${length} the caller counted`);
  return out;
}
