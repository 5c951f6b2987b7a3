import { test } from 'node:test';
import assert from 'node:assert/strict';

test('one', async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(1 + 1, 2);
});
