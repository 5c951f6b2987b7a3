import { SimulationError } from '../core/errors.js';
import { thrownStack, thrownText } from '../core/thrown-text.js';

function messageOf(cause: unknown): string {
  return thrownText(cause, true);
}

/** A constructor or setup() threw (or the seed's options did not resolve): the seed never reached its run phase. */
export class SetupError extends SimulationError {
  constructor(
    /** `client#3`, `invariant messages-conserved` or the topology class. */
    readonly where: string,
    readonly className: string,
    readonly file: string,
    readonly step: 'constructor' | 'setup()' | 'options',
    override readonly cause: unknown,
  ) {
    super(`the ${step} of ${where} (${className}, ${file}) threw ${messageOf(cause)}`, {
      detail: messageOf(cause),
      fix:
        step === 'options'
          ? `The topology's options threw this while the seed drew them: they must resolve on every seed; follow the stack.`
          : `The ${step} of ${where} threw this: constructors and setup() must succeed on every seed; follow the stack.`,
    });
    const stack = thrownStack(cause);
    if (stack) this.stack = `${this.name}: ${this.message}\n${stack}`;
  }
}

export interface PendingTask {
  name: string;
  awaiting: string[];
}

/** check() (or a service's return after shutdown) did not finish within the liveness bound. */
export class LivenessError extends SimulationError {
  constructor(
    readonly stage: 'check' | 'shutdown',
    readonly timeoutMs: number,
    readonly pending: PendingTask[],
    /** Whose milliseconds: a simulation's, or a --real run's. */
    clock: 'simulated' | 'real' = 'simulated',
  ) {
    const what =
      stage === 'check'
        ? `check() did not complete within ${timeoutMs} ms of ${clock} time after faults stopped`
        : `services did not return from run() within ${timeoutMs} ms of ${clock} time after topology.shutdown fired`;
    // A --real step waits on real sockets and timers, which moonpool cannot name.
    const outside = clock === 'simulated' ? 'a promise outside the simulation' : 'real sockets, timers or promises';
    const tasks = pending.map((t) => `${t.name} awaiting ${t.awaiting.length > 0 ? t.awaiting.join(', ') : outside}`);
    super(`${what}; still running: ${tasks.join('; ')}`);
  }
}
