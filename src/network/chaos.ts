import type { RngStream } from '../core/rng.js';
import { drawInRange } from './latency.js';
import { FAULT_FAMILIES, OP_FAULT_FAMILIES, type FaultFamily, type NetworkConfig, type NetworkOp } from './network-config.js';

interface RollTable {
  families: FaultFamily[];
  /** Running sums of the families' probabilities. */
  cumulative: number[];
  total: number;
}

/** Decides the random faults: one draw from the network stream per operation picks at most one
 * family. Operations with no enabled family (all of them under `perfect`) draw nothing. */
export class Chaos {
  /** False in the liveness phase: no new random faults. */
  enabled = true;
  readonly counts = Object.fromEntries(FAULT_FAMILIES.map((f) => [f, 0])) as Record<FaultFamily, number>;
  private readonly tables = {} as Record<NetworkOp, RollTable>;
  /** Some operation can fault: false skips the table lookup on every operation (`perfect`). */
  private readonly armed: boolean;

  constructor(
    private readonly config: NetworkConfig,
    private readonly rng: RngStream,
  ) {
    for (const op of Object.keys(OP_FAULT_FAMILIES) as NetworkOp[]) {
      const table: RollTable = { families: [], cumulative: [], total: 0 };
      for (const family of OP_FAULT_FAMILIES[op]) {
        const setting = config.faults[family];
        if (!setting.enabled || setting.probability === 0) continue;
        table.total += setting.probability;
        table.families.push(family);
        table.cumulative.push(table.total);
      }
      this.tables[op] = table;
    }
    this.armed = Object.values(this.tables).some((table) => table.total > 0);
  }

  /** The family this operation triggers, if any. */
  roll(op: NetworkOp): FaultFamily | undefined {
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

  durationMs(family: FaultFamily): number {
    return drawInRange(this.config.faults[family].durationMs, this.rng);
  }

  count(family: FaultFamily): void {
    this.counts[family]++;
  }
}
