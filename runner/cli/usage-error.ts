// Command-line mistakes: exit code 2, a message naming the flag and the fix, and a --help hint.
import { closestName } from '../../src/internal.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The known option nearest to a mistyped one, if it is plausibly a typo. */
export function closestOption(typed: string, options: readonly string[]): string | undefined {
  return closestName(typed.replace(/^-+/, ''), options);
}
