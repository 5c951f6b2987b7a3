import type { CoverageHit, CoverageRow } from '../sim/report.js';
import { byMessage } from './coverage-recorder.js';

/** Coverage of sometimes/reachable sites aggregated across the seeds of a run or a case. */
export class CoverageTable {
  private readonly table = new Map<string, CoverageRow>();

  /** Adds one seed's hits; returns true when coverage grew (a new site, or a site reached or
   * satisfied for the first time), which the plateau strategy counts. */
  add(hits: readonly CoverageHit[]): boolean {
    let grew = false;
    for (const hit of hits) {
      const key = `${hit.kind}\u0000${hit.message}`;
      let row = this.table.get(key);
      if (row === undefined) {
        row = { message: hit.message, kind: hit.kind, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0 };
        this.table.set(key, row);
        grew = true;
      }
      if (hit.reached > 0 && row.seedsReached === 0) grew = true;
      if (hit.satisfied > 0 && row.seedsSatisfied === 0) grew = true;
      if (hit.reached > 0) row.seedsReached++;
      if (hit.satisfied > 0) row.seedsSatisfied++;
      row.timesReached += hit.reached;
      row.timesSatisfied += hit.satisfied;
    }
    return grew;
  }

  /** Merges rows of another table (for example the rows of a worker's share of the seeds). */
  merge(rows: readonly CoverageRow[]): void {
    for (const other of rows) {
      const key = `${other.kind}\u0000${other.message}`;
      const row = this.table.get(key);
      if (row === undefined) {
        this.table.set(key, { ...other });
        continue;
      }
      row.seedsReached += other.seedsReached;
      row.seedsSatisfied += other.seedsSatisfied;
      row.timesReached += other.timesReached;
      row.timesSatisfied += other.timesSatisfied;
    }
  }

  /** Copies of all rows, sorted by message. */
  rows(): CoverageRow[] {
    return [...this.table.values()].map((row) => ({ ...row })).sort(byMessage);
  }

  /** Sometimes-assertions never satisfied in any seed, sorted by message. */
  unsatisfied(): CoverageRow[] {
    return this.rows().filter((row) => row.kind === 'sometimes' && row.seedsSatisfied === 0);
  }

  /** Number of sometimes-assertions seen so far. */
  get sometimesCount(): number {
    let count = 0;
    for (const row of this.table.values()) if (row.kind === 'sometimes') count++;
    return count;
  }

  get size(): number {
    return this.table.size;
  }
}
