import type { BucketRow, CoverageHit, CoverageKind, CoverageRow, CoverageSite } from './coverage.js';
import { byMessage } from './coverage-recorder.js';
import { isBetter } from './numeric-best.js';

/** Coverage of assertion sites aggregated across the seeds of a run or a case. */
export class CoverageTable {
  private readonly table = new Map<string, CoverageRow>();
  /** The buckets of each sometimesEach row by key. */
  private readonly bucketsOf = new Map<CoverageRow, Map<string, BucketRow>>();

  /** The row of a site, created unreached on first use. */
  private rowOf(kind: CoverageKind, message: string): CoverageRow {
    const key = `${kind}\u0000${message}`;
    let row = this.table.get(key);
    if (row === undefined) {
      row = { message, kind, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0 };
      this.table.set(key, row);
    }
    return row;
  }

  private bucketOf(row: CoverageRow, key: string): { bucket: BucketRow; created: boolean } {
    let buckets = this.bucketsOf.get(row);
    if (buckets === undefined) this.bucketsOf.set(row, (buckets = new Map()));
    const known = buckets.get(key);
    if (known !== undefined) return { bucket: known, created: false };
    const bucket: BucketRow = { key, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0 };
    buckets.set(key, bucket);
    return { bucket, created: true };
  }

  /** Adds the sites the source holds (found before any seed ran), unreached until a seed reaches
   * them, with their locations. A declared site still counts as growth when first reached. */
  declare(sites: readonly CoverageSite[]): void {
    for (const site of sites) addLocations(this.rowOf(site.kind, site.message), [site.location]);
  }

  /** Adds one seed's hits; returns true when coverage grew (a new site, a site reached or
   * satisfied for the first time, a new bucket, more conditions true at once, a better value),
   * which the plateau strategy counts. */
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
      for (const bucket of hit.buckets ?? []) {
        const { bucket: into, created } = this.bucketOf(row, bucket.key);
        if (created || (bucket.satisfied > 0 && into.seedsSatisfied === 0)) grew = true;
        if (bucket.reached > 0) into.seedsReached++;
        if (bucket.satisfied > 0) into.seedsSatisfied++;
        into.timesReached += bucket.reached;
        into.timesSatisfied += bucket.satisfied;
      }
      if (mergeExtremes(row, hit)) grew = true;
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
      for (const bucket of other.buckets ?? []) {
        const into = this.bucketOf(row, bucket.key).bucket;
        into.seedsReached += bucket.seedsReached;
        into.seedsSatisfied += bucket.seedsSatisfied;
        into.timesReached += bucket.timesReached;
        into.timesSatisfied += bucket.timesSatisfied;
      }
      mergeExtremes(row, other);
    }
  }

  /** Copies of all rows, sorted by message (buckets by key). */
  rows(): CoverageRow[] {
    return [...this.table.values()].map((row) => this.copyRow(row)).sort(byMessage);
  }

  /** Sites never satisfied in any seed, sorted by message: sometimes-assertions never true,
   * declared sites no seed reached, and sometimesEach sites with a bucket never satisfied. */
  unsatisfied(): CoverageRow[] {
    return this.rows().filter(isUnsatisfied);
  }

  get size(): number {
    return this.table.size;
  }

  private copyRow(row: CoverageRow): CoverageRow {
    const copy: CoverageRow = { ...row };
    if (row.locations !== undefined) copy.locations = [...row.locations];
    if (row.mostTrueNames !== undefined) copy.mostTrueNames = [...row.mostTrueNames];
    if (row.best !== undefined) copy.best = { ...row.best };
    const buckets = this.bucketsOf.get(row);
    if (buckets !== undefined) copy.buckets = [...buckets.values()].map((bucket) => ({ ...bucket })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return copy;
  }
}

/** A row that still waits for a seed: never satisfied, or (sometimesEach) a bucket never satisfied. */
export function isUnsatisfied(row: CoverageRow): boolean {
  return row.seedsSatisfied === 0 || (row.buckets?.some((bucket) => bucket.seedsSatisfied === 0) ?? false);
}

/** Keeps the row's most conditions true at once and best value; true when either improved. */
function mergeExtremes(row: CoverageRow, from: Pick<CoverageRow, 'conditions' | 'mostTrue' | 'mostTrueNames' | 'best'>): boolean {
  let improved = false;
  if (from.conditions !== undefined) row.conditions = Math.max(row.conditions ?? 0, from.conditions);
  if (from.mostTrue !== undefined && (row.mostTrue === undefined || from.mostTrue > row.mostTrue)) {
    improved = row.mostTrue !== undefined || from.mostTrue > 0;
    row.mostTrue = from.mostTrue;
    row.mostTrueNames = [...(from.mostTrueNames ?? [])];
  }
  if (from.best !== undefined && isBetter(row.kind, from.best, row.best)) {
    improved ||= row.best !== undefined;
    row.best = { ...from.best };
  }
  return improved;
}

function addLocations(row: CoverageRow, locations: readonly string[]): void {
  const known = (row.locations ??= []);
  for (const location of locations) if (!known.includes(location)) known.push(location);
}
