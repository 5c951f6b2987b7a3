import { SimulationError } from '../core/errors.js';
import { thrownStack, thrownText } from '../core/thrown-text.js';
import type { SimWorld } from '../core/world.js';

/** An alwaysAssert was false or an unreachable() ran. Inside a simulation it fails the seed. */
export class AssertionFailure extends SimulationError {
  constructor(
    readonly kind: 'always' | 'unreachable',
    /** The message given to the assertion: its identity. */
    readonly assertion: string,
    /** `file:line:column` of the assertion, relative to the project. */
    readonly site: string,
    world: SimWorld | undefined,
    /** A numeric always-form that failed: its function and what it saw (`alwaysLessThan`, `saw 12, not < 10`). */
    numeric?: { name: string; observed: string },
  ) {
    const what =
      numeric !== undefined ? `${numeric.name} failed: "${assertion}" ${numeric.observed}`
      : kind === 'always' ? `alwaysAssert failed: "${assertion}"`
      : `unreachable("${assertion}") was reached`;
    // The detail is the user's own message (and what a numeric form saw); the fix says which
    // kind of assertion it was.
    const detail = numeric === undefined ? assertion : `${assertion}: ${numeric.observed}`;
    const fix =
      kind === 'always'
        ? 'A property the code asserts always holds was false: fix the code or the assertion.'
        : 'Code marked as never running ran: fix the code or the unreachable() call.';
    super(
      world === undefined
        ? `${what} at ${site}.`
        : `${what} at ${site} (seed ${world.seed}, event #${world.eventIndex}, sim time ${world.nowMs.toFixed(3)} ms). ` +
            (kind === 'always'
              ? 'A property the code asserts always holds was false; '
              : 'Code marked as never running ran; ') +
            'replay the seed to reproduce it exactly, then fix the code or the assertion.',
      { detail, fix },
    );
    if (world !== undefined) {
      this.seed = world.seed;
      this.eventIndex = world.eventIndex;
      this.simTimeMs = world.nowMs;
    }
  }
}

/** An invariant threw after an event; the seed stops at that event (a --real run, which has no
 * events, stops at once). */
export class InvariantViolation extends SimulationError {
  constructor(
    readonly invariantName: string,
    /** Source file of the invariant, relative to the project root, when known. */
    readonly file: string | undefined,
    world: SimWorld | undefined,
    override readonly cause: unknown,
  ) {
    const name = `invariant "${invariantName}"${file === undefined ? '' : ` (${file})`}`;
    super(
      world === undefined
        ? `${name} failed during a --real run: ${thrownText(cause)} - the state the workloads registered broke this property.`
        : `${name} failed after event #${world.eventIndex} "${world.currentKind}" at sim time ${world.nowMs.toFixed(3)} ms, seed ${world.seed}: ` +
            `${thrownText(cause)} ` +
            '- the state the workloads registered broke this property at exactly this event; replay the seed to reproduce it.',
      {
        detail: thrownText(cause),
        fix:
          world === undefined
            ? 'The state the workloads registered broke this property.'
            : `The registered state broke this property at this event ("${world.currentKind}"): find the update that led there, then fix the code or the invariant.`,
      },
    );
    if (world !== undefined) {
      this.seed = world.seed;
      this.eventIndex = world.eventIndex;
      this.simTimeMs = world.nowMs;
    }
    const stack = thrownStack(cause);
    if (stack) this.stack = `${this.name}: ${this.message}\n${stack}`;
  }
}
