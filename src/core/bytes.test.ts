import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatBytes } from './bytes.js';

test('concatBytes joins the parts in order; a wrong length is an engine bug, named', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (parts) => {
      const length = parts.reduce((sum, part) => sum + part.length, 0);
      assert.deepEqual([...concatBytes(parts, length)], parts.flatMap((part) => [...part]));
    }),
  );
  assert.throws(() => concatBytes([new Uint8Array(3)], 4), /parts hold 3 bytes, not the 4/);
});
