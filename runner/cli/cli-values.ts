// Validates the command line's typed values (seeds, counts, shards) into numbers, with errors
// that say what was typed and what is accepted.
import { SEED_MAX, type Shard } from '../../src/internal.js';
import { UsageError } from './usage-error.js';

/** An unsigned 32-bit seed typed on the command line. */
export function parseSeed(flag: string, text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value <= SEED_MAX)) {
    throw new UsageError(
      `--${flag} ${text}: seeds are unsigned 32-bit integers, 0 to ${SEED_MAX}, written in decimal. ` +
        'Copy the seed from a failure report or its replay command (every printed seed replays exactly).',
    );
  }
  return value;
}

/** The longest delay a Node timer holds (setTimeout fires at once past it). */
export const TIMER_MS_MAX = 2 ** 31 - 1;

/** A positive integer flag (`--workers 4`), at most `max` (with the reason it is the limit). */
export function parsePositiveInt(flag: string, text: string, max?: { value: number; why: string }): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value >= 1)) {
    throw new UsageError(`--${flag} ${text}: expected a whole number >= 1, for example --${flag} 4.`);
  }
  if (max !== undefined && value > max.value) throw new UsageError(`--${flag} ${text}: at most ${max.value} (${max.why}).`);
  return value;
}

/** `--only-faults 3,17` (or `none`): fault ordinals, sorted, each once. */
export function parseFaultOrdinals(text: string): number[] {
  if (text.trim() === 'none') return [];
  const parts = text.split(',').map((part) => part.trim());
  const ordinals = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (!ordinals.every((n) => Number.isSafeInteger(n) && n >= 1)) {
    throw new UsageError(
      `--only-faults ${text}: expected fault ordinals (whole numbers >= 1) separated by commas, for example --only-faults 3,17, or none. ` +
        'Copy it from the replay line --shrink printed; --trace shows every fault with its ordinal (#3).',
    );
  }
  return [...new Set(ordinals)].sort((a, b) => a - b);
}

/** `--shard i/n`: shard i (1-based) of n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard ${text}: expected i/n with 1 <= i <= n, for example --shard 2/4 runs the second of four shards; together the n shards run exactly the seeds of one unsharded run.`);
  }
  return { index, count };
}
