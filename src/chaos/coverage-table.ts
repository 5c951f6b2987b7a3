import type { CoverageHit, CoverageRow, CoverageSite } from '../sim/report.js';
import { byMessage } from './coverage-recorder.js';

type Kind = CoverageRow['kind'];

/** Coverage of sometimes/reachable sites aggregated across the seeds of a run or a case. */
export class CoverageTable {
  private readonly table = new Map<string, CoverageRow>();

  /** The row of a site, created unreached on first use. */
  private rowOf(kind: Kind, message: string): CoverageRow {
    const key = `${kind}\u0000${message}`;
    let row = this.table.get(key);
    if (row === undefined) {
      row = { message, kind, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0 };
      this.table.set(key, row);
    }
    return row;
  }

  /** Adds the sites the source holds (found before any seed ran), unreached until a seed reaches
   * them, with their locations. A declared site still counts as growth when first reached. */
  declare(sites: readonly CoverageSite[]): void {
    for (const site of sites) addLocations(this.rowOf(site.kind, site.message), [site.location]);
  }

  /** Adds one seed's hits; returns true when coverage grew (a new site, or a site reached or
   * satisfied for the first time), which the plateau strategy counts. */
  add(hits: readonly CoverageHit[]): boolean {
    let grew = false;
    for (const hit of hits) {
      const sitesBefore = this.table.size;
      const row = this.rowOf(hit.kind, hit.message);
      if (this.table.size > sitesBefore) grew = true;
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
      const row = this.rowOf(other.kind, other.message);
      row.seedsReached += other.seedsReached;
      row.seedsSatisfied += other.seedsSatisfied;
      row.timesReached += other.timesReached;
      row.timesSatisfied += other.timesSatisfied;
      if (other.locations !== undefined) addLocations(row, other.locations);
    }
  }

  /** Copies of all rows, sorted by message. */
  rows(): CoverageRow[] {
    return [...this.table.values()].map(copyRow).sort(byMessage);
  }

  /** Sites never satisfied in any seed, sorted by message: sometimes-assertions never true, and
   * declared sites no seed reached. */
  unsatisfied(): CoverageRow[] {
    return this.rows().filter((row) => row.seedsSatisfied === 0);
  }

  get size(): number {
    return this.table.size;
  }
}

function addLocations(row: CoverageRow, locations: readonly string[]): void {
  const known = (row.locations ??= []);
  for (const location of locations) if (!known.includes(location)) known.push(location);
}

function copyRow(row: CoverageRow): CoverageRow {
  return row.locations === undefined ? { ...row } : { ...row, locations: [...row.locations] };
}
