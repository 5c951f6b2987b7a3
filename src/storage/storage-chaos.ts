import type { RngStream } from '../core/rng.js';
import { drawInRange } from '../network/latency.js';
import { STORAGE_FAULT_FAMILIES, STORAGE_OP_FAULT_FAMILIES, type StorageConfig, type StorageFaultFamily, type StorageOp } from './storage-config.js';

interface RollTable {
  families: StorageFaultFamily[];
  /** Running sums of the families' probabilities. */
  cumulative: number[];
  total: number;
}

/** Decides a disk's injected faults: one draw per operation picks at most one family. An
 * operation with no enabled family (every one under `perfect`) draws nothing. */
export class StorageChaos {
  /** False in the liveness phase: no new injected faults (the crash model still applies). */
  enabled = true;
  readonly counts = Object.fromEntries(STORAGE_FAULT_FAMILIES.map((f) => [f, 0])) as Record<StorageFaultFamily, number>;
  private readonly tables = {} as Record<StorageOp, RollTable>;
  /** Some operation can fault: false skips the table lookup on every operation (`perfect`). */
  private readonly armed: boolean;

  constructor(
    private readonly config: StorageConfig,
    private readonly rng: RngStream,
  ) {
    for (const op of Object.keys(STORAGE_OP_FAULT_FAMILIES) as StorageOp[]) {
      const table: RollTable = { families: [], cumulative: [], total: 0 };
      for (const family of STORAGE_OP_FAULT_FAMILIES[op]) {
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

  /** The family this operation triggers, if any (not yet counted: the caller counts a fault
   * once it could apply it). */
  roll(op: StorageOp): StorageFaultFamily | undefined {
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

  /** How long a stall holds the operation. */
  stallMs(): number {
    return drawInRange(this.config.faults.stall.durationMs, this.rng);
  }

  count(family: StorageFaultFamily): void {
    this.counts[family]++;
  }
}
