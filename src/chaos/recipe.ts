// A timeline's recipe: the root seed it starts from and where it split from its parents
// (`--strategy explore`). Its text form is what `--recipe` takes and every child timeline's
// replay command prints: `123@4567/89@6001/5` runs seed 123; after event 4567 the chaos and
// workload streams draw from seed 89, and after event 6001 from seed 5 (SPLIT_STREAMS).
import { isValidSeed, SEED_MAX, type Split } from '../core/rng.js';

export interface Recipe {
  seed: number;
  /** In increasing event order; empty for a plain seed. */
  splits: readonly Split[];
}

/** Splits one timeline may carry: the exploration's depth bound, and a bound on a recipe's text. */
export const SPLITS_MAX = 64;

/** A recipe text that does not parse, or splits that do not describe a timeline. */
export class RecipeError extends RangeError {
  constructor(text: string, why: string) {
    super(
      `recipe ${JSON.stringify(text)}: ${why}. A recipe is a seed, then for each split "@EVENT/SEED": ` +
        `123@4567/89 runs seed 123 and, after event 4567, draws the chaos and the workload's randomness from seed 89 ` +
        `(at most ${SPLITS_MAX} splits, events increasing, seeds unsigned 32-bit integers). Copy it from the replay command moonpool printed.`,
    );
    this.name = 'RecipeError';
  }
}

/** Throws a RecipeError unless the splits are in strictly increasing event order, at event
 * indexes >= 0, with valid seeds, and at most SPLITS_MAX of them. */
export function validateSplits(splits: readonly Split[], text = formatSplits(splits)): void {
  if (splits.length > SPLITS_MAX) throw new RecipeError(text, `it has ${splits.length} splits, more than ${SPLITS_MAX}`);
  let previous = -1;
  for (const { afterEvent, seed } of splits) {
    if (!Number.isSafeInteger(afterEvent) || afterEvent < 0) throw new RecipeError(text, `event ${afterEvent} is not a non-negative integer`);
    if (afterEvent <= previous) throw new RecipeError(text, `event ${afterEvent} does not come after event ${previous}: splits are in increasing event order`);
    if (!isValidSeed(seed)) throw new RecipeError(text, `seed ${seed} is not an integer in 0..${SEED_MAX}`);
    previous = afterEvent;
  }
}

function formatSplits(splits: readonly Split[]): string {
  let text = '';
  for (const split of splits) text += `@${split.afterEvent}/${split.seed}`;
  return text;
}

/** `123@4567/89@6001/5`; a recipe without splits is its seed alone. */
export function formatRecipe(recipe: Recipe): string {
  return `${recipe.seed}${formatSplits(recipe.splits)}`;
}

const DECIMAL = /^(?:0|[1-9]\d*)$/;

/** Parses the text form; throws a RecipeError naming what is wrong. */
export function parseRecipe(text: string): Recipe {
  const trimmed = text.trim();
  const parts = trimmed.split('@');
  const number = (part: string, what: string): number => {
    if (!DECIMAL.test(part) || !Number.isSafeInteger(Number(part))) throw new RecipeError(text, `${what} "${part}" is not a decimal integer`);
    return Number(part);
  };
  const seed = number(parts[0], 'the seed');
  if (!isValidSeed(seed)) throw new RecipeError(text, `the seed ${seed} is not an integer in 0..${SEED_MAX}`);
  const splits: Split[] = [];
  for (const part of parts.slice(1)) {
    const pieces = part.split('/');
    if (pieces.length !== 2) throw new RecipeError(text, `"@${part}" is not one split "@EVENT/SEED"`);
    splits.push({ afterEvent: number(pieces[0], 'the event'), seed: number(pieces[1], 'the child seed') });
  }
  validateSplits(splits, text);
  return { seed, splits };
}
