import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs build script without types
import { GENERATED_FILE, generatedSource } from '../../scripts/config-validator.mjs';

test('the compiled config validator matches moonpool-config.schema.json (run node scripts/config-validator.mjs after editing the schema)', () => {
  assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generatedSource());
});
