import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SEED_MAX } from '../core/rng.js';
import { formatRecipe, parseRecipe, RecipeError, SPLITS_MAX, validateSplits } from './recipe.js';
import type { Split } from '../core/rng.js';

test('a recipe is its seed, then "@EVENT/SEED" per split', () => {
  assert.equal(formatRecipe({ seed: 123, splits: [] }), '123');
  assert.equal(formatRecipe({ seed: 123, splits: [{ afterEvent: 4567, seed: 89 }, { afterEvent: 6001, seed: 5 }] }), '123@4567/89@6001/5');
  assert.deepEqual(parseRecipe(' 123@4567/89@6001/5 '), { seed: 123, splits: [{ afterEvent: 4567, seed: 89 }, { afterEvent: 6001, seed: 5 }] });
  assert.deepEqual(parseRecipe('0@0/0'), { seed: 0, splits: [{ afterEvent: 0, seed: 0 }] });
});

test('the text form round-trips every valid recipe', () => {
  const splits = fc
    .uniqueArray(fc.nat({ max: 10_000_000 }), { maxLength: SPLITS_MAX })
    .chain((events) => fc.tuple(fc.constant(events.sort((a, b) => a - b)), fc.array(fc.nat({ max: SEED_MAX }), { minLength: events.length, maxLength: events.length })))
    .map(([events, seeds]) => events.map((afterEvent, i): Split => ({ afterEvent, seed: seeds[i] })));
  fc.assert(fc.property(fc.nat({ max: SEED_MAX }), splits, (seed, s) => assert.deepEqual(parseRecipe(formatRecipe({ seed, splits: s })), { seed, splits: s })));
});

test('a bad recipe is one RecipeError naming what is wrong and the form', () => {
  for (const [text, why] of [
    ['', /the seed "" is not a decimal integer/],
    ['abc', /the seed "abc" is not a decimal integer/],
    ['4294967296', /the seed 4294967296 is not an integer in 0\.\.4294967295/],
    ['1@2', /"@2" is not one split "@EVENT\/SEED"/],
    ['1@2/3/4', /"@2\/3\/4" is not one split/],
    ['1@x/3', /the event "x" is not a decimal integer/],
    ['1@5/3@5/4', /event 5 does not come after event 5/],
    ['1@5/3@4/4', /event 4 does not come after event 5/],
    ['1@5/-3', /the child seed "-3" is not a decimal integer/],
    ['1@5/4294967296', /seed 4294967296 is not an integer/],
    ['01', /the seed "01" is not a decimal integer/],
  ] as const) {
    assert.throws(() => parseRecipe(text), (e: unknown) => e instanceof RecipeError && why.test(e.message) && /123@4567\/89 runs seed 123/.test(e.message), text);
  }
  const tooMany = Array.from({ length: SPLITS_MAX + 1 }, (_, i): Split => ({ afterEvent: i, seed: i }));
  assert.throws(() => validateSplits(tooMany), /65 splits, more than 64/);
});
