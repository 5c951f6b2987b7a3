// Coverage rows of the richer assertions, as every reporter test feeds them.
import type { CoverageRow } from '../../src/internal.js';

const counts = { seedsReached: 4, seedsSatisfied: 0, timesReached: 9, timesSatisfied: 0 };

/** A sometimesAll that got 2 of 3 true at once, a sometimesEach with an open bucket, and an
 * alwaysLessThan whose largest value was 87 of 100. */
export const RICH_ROWS: CoverageRow[] = [
  { message: 'quorum lost and regained', kind: 'sometimes-all', ...counts, conditions: 3, mostTrue: 2, mostTrueNames: ['leaderDown', 'healed'] },
  {
    message: 'a gate opened',
    kind: 'sometimes-each',
    ...counts,
    seedsSatisfied: 4,
    timesSatisfied: 5,
    buckets: [
      { key: 'lock=1, gate=1', seedsReached: 4, seedsSatisfied: 4, timesReached: 5, timesSatisfied: 5 },
      { key: 'lock=1, gate=2', seedsReached: 1, seedsSatisfied: 0, timesReached: 1, timesSatisfied: 0 },
    ],
  },
  { message: 'queue bounded', kind: 'always-less-than', ...counts, seedsSatisfied: 4, timesSatisfied: 9, best: { value: 87, bound: 100 } },
];

/** What each reporter shows of RICH_ROWS (format.ts coverageDetail). */
export const RICH_DETAILS = [
  'at most 2 of 3 true at once (leaderDown, healed)',
  '2 buckets, 1 satisfied; never true: lock=1, gate=2',
  'best 87 (must be < 100)',
];
