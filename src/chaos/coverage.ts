// What the assertions count: per seed (CoverageHit), per run (CoverageRow), and the sites the
// runner finds in the source before any seed runs (CoverageSite).

/** What kind of assertion a coverage site is. `always` counts the alwaysAssert calls whose
 * message the site catalogue found as a literal in the source (a message built per call would
 * make a site per call); the numeric forms are named after their function. */
export type CoverageKind =
  | 'sometimes'
  | 'reachable'
  | 'always'
  | 'sometimes-all'
  | 'sometimes-each'
  | 'always-less-than'
  | 'always-less-than-or-equal'
  | 'always-greater-than'
  | 'always-greater-than-or-equal'
  | 'sometimes-less-than'
  | 'sometimes-greater-than';

/** The best value a numeric assertion saw, with the bound it was compared to: for an always-form
 * the one that came closest to failing it, for a sometimes-form the one that came closest to (or
 * furthest past) holding it. */
export interface NumericBest {
  value: number;
  bound: number;
}

/** One key of a sometimesEach site during one seed. */
export interface BucketHit {
  key: string;
  reached: number;
  satisfied: number;
}

/** One assertion site as counted during one seed. */
export interface CoverageHit {
  /** The assertion's message: its identity across seeds (with its kind). */
  message: string;
  kind: CoverageKind;
  /** Times the site was evaluated. */
  reached: number;
  /** Times its condition was true (for reachable(): equal to reached; for sometimesAll: all
   * conditions at once; for sometimesEach: the call's own condition). */
  satisfied: number;
  /** sometimesAll: the conditions a call names (the most any call named). */
  conditions?: number;
  /** sometimesAll: the most conditions true at once, and their names when first reached. */
  mostTrue?: number;
  mostTrueNames?: string[];
  /** sometimesEach: one bucket per distinct key, in the order first seen. */
  buckets?: BucketHit[];
  /** The numeric forms: the best value seen. */
  best?: NumericBest;
}

/** One assertion call found in the project's source before any seed ran: the runner lists it
 * even when no seed reaches it. Its identity is (kind, message), as at run time. */
export interface CoverageSite {
  message: string;
  kind: CoverageKind;
  /** `file:line` of the call, the file relative to the project root. */
  location: string;
}

/** One key of a sometimesEach site across the seeds of a run. */
export interface BucketRow {
  key: string;
  seedsReached: number;
  seedsSatisfied: number;
  timesReached: number;
  timesSatisfied: number;
}

/** Coverage of one site across all seeds of a run (or of a case). */
export interface CoverageRow {
  message: string;
  kind: CoverageKind;
  seedsReached: number;
  seedsSatisfied: number;
  timesReached: number;
  timesSatisfied: number;
  /** Where the source calls it (`file:line`); absent for a site known only from the seeds that
   * reached it (one whose message is not a literal, or outside the scanned files). */
  locations?: string[];
  /** sometimesAll: the conditions a call names, and the most true at once in any seed (with their
   * names, from the first seed that reached it). */
  conditions?: number;
  mostTrue?: number;
  mostTrueNames?: string[];
  /** sometimesEach: its buckets, sorted by key. */
  buckets?: BucketRow[];
  /** The numeric forms: the best value any seed saw. */
  best?: NumericBest;
}

/** What a timeline found first, at which event (`--strategy explore` branches from these):
 * a site `reached` or `satisfied`, a `bucket` of a sometimesEach first seen or first
 * `bucket-satisfied`, `more-true` conditions of a sometimesAll at once, a `better` value. */
export interface Discovery {
  eventIndex: number;
  kind: CoverageKind;
  message: string;
  what: 'reached' | 'satisfied' | 'bucket' | 'bucket-satisfied' | 'more-true' | 'better';
  bucket?: string;
  mostTrue?: number;
  best?: NumericBest;
}
