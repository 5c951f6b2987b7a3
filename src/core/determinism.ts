import { SimulationError } from './errors.js';
import type { TraceStep } from './trace.js';

export interface Divergence {
  index: number;
  first: TraceStep | undefined;
  second: TraceStep | undefined;
  /** When only what the guard handed out differs: its calls by API in each run. */
  handedOut?: [ReadonlyMap<string, number>, ReadonlyMap<string, number>];
}

function callsText(calls: ReadonlyMap<string, number>): string {
  return [...calls].map(([api, count]) => `${api} ×${count}`).join(', ') || 'nothing';
}

/** The first event at which two recorded runs of one seed disagree, or undefined if they agree. */
export function firstDivergence(a: readonly TraceStep[], b: readonly TraceStep[]): Divergence | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x.hash !== y.hash || x.kind !== y.kind || x.timeMs !== y.timeMs) {
      return { index: i + 1, first: x, second: y };
    }
  }
  return undefined;
}

function describe(step: TraceStep | undefined): string {
  return step === undefined ? 'no event (the run had ended)' : `event #${step.index} "${step.kind}" at ${step.timeMs} ms (hash ${step.hash})`;
}

/** Two runs of the same seed did different things. */
export class DeterminismMismatchError extends SimulationError {
  constructor(seed: number, readonly divergence: Divergence) {
    const { handedOut } = divergence;
    const [detail, fix] =
      handedOut !== undefined
        ? [
            'both runs ran the same events, but the values the guard handed out differ ' +
              `(first run: ${callsText(handedOut[0])}; second run: ${callsText(handedOut[1])})`,
            'Something real (a clock, a counter kept across seeds, real I/O) decided when or how often the workload read them.',
          ]
        : [
            `the two runs first diverge at event #${divergence.index}: ` +
              `first run ${describe(divergence.first)}, second run ${describe(divergence.second)}`,
            'Look for real time, Math.random, unordered iteration or state kept across seeds in the code that ran just before it.',
          ];
    super(`seed ${seed} is not deterministic: ${detail}. ${fix}`, { detail, fix });
    this.seed = seed;
    this.eventIndex = divergence.index;
    this.simTimeMs = divergence.first?.timeMs ?? divergence.second?.timeMs;
  }
}
