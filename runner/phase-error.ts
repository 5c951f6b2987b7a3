// A failure of one lifecycle step of a --real run, with the kind the simulation would give it.
import type { FailureKind } from '../src/index.js';

export class PhaseError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly where: string,
    readonly file: string | undefined,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PhaseError';
  }
}
