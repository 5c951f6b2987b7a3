import type { FaultLog } from './fault-log.js';
import type { RngStream } from './rng.js';

/** What a roller reads of one fault family's setting. */
export interface RolledFault {
  enabled: boolean;
  /** Chance per operation that can trigger the family. */
  probability: number;
}

interface RollTable<F> {
  families: F[];
  /** Running sums of the families' probabilities. */
  cumulative: number[];
  total: number;
}

/**
 * Decides injected faults (the network's, a disk's): one draw per operation picks at most one
 * of the families that operation can trigger. An operation with no enabled family (every one
 * under `perfect`) draws nothing, so a quiet config costs no draws.
 */
export class FaultRoller<F extends string, O extends string> {
  /** False in the liveness phase: no new injected faults. */
  enabled = true;
  readonly counts: Record<F, number>;
  private readonly tables = {} as Record<O, RollTable<F>>;
  /** Some operation can fault: false skips the table lookup on every operation. */
  private readonly armed: boolean;

  constructor(
    families: readonly F[],
    familiesByOp: Readonly<Record<O, readonly F[]>>,
    settings: Readonly<Record<F, RolledFault>>,
    protected readonly rng: RngStream,
    private readonly log: FaultLog,
  ) {
    this.counts = Object.fromEntries(families.map((f) => [f, 0])) as Record<F, number>;
    for (const op of Object.keys(familiesByOp) as O[]) {
      const table: RollTable<F> = { families: [], cumulative: [], total: 0 };
      for (const family of familiesByOp[op]) {
        const setting = settings[family];
        if (!setting.enabled || setting.probability === 0) continue;
        table.total += setting.probability;
        table.families.push(family);
        table.cumulative.push(table.total);
      }
      this.tables[op] = table;
    }
    this.armed = Object.values<RollTable<F>>(this.tables).some((table) => table.total > 0);
  }

  /** The family this operation triggers, if any: the caller makes the fault's draws, then asks
   * admit() whether it happens. */
  roll(op: O): F | undefined {
    if (!this.armed || !this.enabled) return undefined;
    const table = this.tables[op];
    if (table.total === 0) return undefined;
    const u = this.rng.float();
    if (u >= table.total) return undefined;
    for (let i = 0; i < table.families.length; i++) {
      if (u < table.cumulative[i]) return table.families[i];
    }
    return undefined;
  }

  /** Called once a fault's draws are made, just before it takes effect: false when the seed's
   * fault log vetoes it (--only-faults); counted when it happens. `process` is the host or
   * process it hits (`sim` for the whole network), `text` describes it for the timeline. */
  admit(family: F, process: string, text: () => string, durationMs?: number): boolean {
    if (!this.log.admit(process, family, text, durationMs)) return false;
    this.counts[family]++;
    return true;
  }
}
