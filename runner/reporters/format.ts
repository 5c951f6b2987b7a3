// Formatting shared by the plain, ink and junit reporters: counts, durations, case lines and the
// final `N passed, N failed` line that CI's log parser reads (failures: failure-block.ts).
import type { CaseSummary, CoverageKind, CoverageRow, SeedResult } from '../../src/internal.js';
import type { RunSummary } from '../run/events.js';
import { sanitizeText } from './sanitize.js';

const COUNT_UNITS: [number, string][] = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 950 → `950`, 1234 → `1.2k`, 1_234_567 → `1.2M`. */
export function formatCount(n: number): string {
  for (const [size, unit] of COUNT_UNITS) {
    if (n >= size) return `${trimZero((n / size).toFixed(1))}${unit}`;
  }
  return String(Math.round(n));
}

/** A duration for humans: `420 ms`, `12.3 s`, `5 min`, `3.2 h`, `4.1 days`. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  if (ms < 3_600_000) return `${trimZero((ms / 60_000).toFixed(1))} min`;
  if (ms < 172_800_000) return `${trimZero((ms / 3_600_000).toFixed(1))} h`;
  return `${trimZero((ms / 86_400_000).toFixed(1))} days`;
}

function trimZero(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

/** `1 seed`, `2 seeds`, `1 timeline entry`, `3 timeline entries` (pass the plural when it is not
 * the word and an s). */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** `1 event`, `1.2k events`: a count abbreviated by formatCount, with its noun. */
export function pluralCount(n: number, word: string): string {
  return `${formatCount(n)} ${n === 1 ? word : `${word}s`}`;
}

/** `ping-pong[2x10] 100 seeds, 1.2M events, 5 min simulated` (and the failures, when any); an
 * exploration counts timelines: `maze[1] 2000 timelines (113 seeds, 1887 split), …`. */
export function caseLine(summary: CaseSummary): string {
  const failed = summary.failed > 0 ? `, ${summary.failed} failed` : '';
  const stopped =
    summary.seedsRun < summary.seedsPlanned && summary.stopReason ? ` (${summary.stopReason})` : '';
  const explored = summary.exploration;
  const run = explored === undefined
    ? plural(summary.seedsRun, 'seed')
    : `${plural(summary.seedsRun, 'timeline')} (${plural(explored.roots, 'seed')}, ${explored.children} split)`;
  return `${summary.caseId} ${run}${failed}, ${pluralCount(summary.events, 'event')}, ${formatDurationMs(summary.simTimeMs)} simulated${stopped}`;
}

/** `seed 123`, or a child timeline's `timeline 123@4567/89`. */
export function timelineName(result: Pick<SeedResult, 'seed' | 'recipe'>): string {
  return result.recipe === undefined ? `seed ${result.seed}` : `timeline ${sanitizeText(result.recipe)}`;
}

/** `partition 2, rebootCrash 1`: the families that injected anything, in the seed's order. */
export function faultsLine(faults: Record<string, number>): string | undefined {
  const injected = Object.entries(faults).filter(([, count]) => count > 0);
  return injected.length === 0 ? undefined : injected.map(([family, count]) => `${family} ${count}`).join(', ');
}

/** Reboots listed in a failure report at most: the last ones, which led to the failure. */
export const REBOOTS_LISTED_MAX = 20;

/** `crash 10.0.0.2:4500 at 1203.418 ms (down 500 ms), …`, the last `shownMax` of them. */
export function rebootsLine(reboots: NonNullable<SeedResult['reboots']>, shownMax = REBOOTS_LISTED_MAX): string {
  const shown = reboots.slice(-shownMax).map(
    (r) => `${r.kind} ${r.address} at ${r.timeMs.toFixed(3)} ms (down ${Number.isFinite(r.downMs) ? `${Math.round(r.downMs)} ms` : 'until the liveness phase'})`,
  );
  const earlier = reboots.length - shown.length;
  return (earlier > 0 ? `${earlier} earlier, then ` : '') + shown.join(', ');
}

const OPERATOR: Partial<Record<CoverageKind, string>> = {
  'always-less-than': '<',
  'always-less-than-or-equal': '<=',
  'always-greater-than': '>',
  'always-greater-than-or-equal': '>=',
  'sometimes-less-than': '<',
  'sometimes-greater-than': '>',
};

/** Open buckets named in a coverage detail at most. */
export const OPEN_BUCKETS_LISTED_MAX = 5;

/** What a sometimesAll, sometimesEach or numeric site found beyond its counts, for every
 * reporter: `2 of 3 true at once at most (leaderDown, healed)`, `14 buckets, 12 satisfied;
 * never true: lock=3, gate=2`, `best 87 (must be < 100)`. Undefined for the other kinds. */
export function coverageDetail(row: CoverageRow): string | undefined {
  if (row.kind === 'sometimes-all') {
    const conditions = row.conditions ?? 0;
    if (row.seedsSatisfied > 0) return `all ${conditions} true at once in ${row.seedsSatisfied} of ${plural(row.seedsReached, 'seed')}`;
    if (row.mostTrue === undefined) return `${conditions} conditions, never reached`;
    const names = row.mostTrueNames !== undefined && row.mostTrueNames.length > 0 ? ` (${sanitizeText(row.mostTrueNames.join(', '))})` : '';
    return `at most ${row.mostTrue} of ${conditions} true at once${names}`;
  }
  if (row.kind === 'sometimes-each') {
    const buckets = row.buckets ?? [];
    const open = buckets.filter((bucket) => bucket.seedsSatisfied === 0).map((bucket) => sanitizeText(bucket.key));
    const listed = open.slice(0, OPEN_BUCKETS_LISTED_MAX).join('; ') + (open.length > OPEN_BUCKETS_LISTED_MAX ? `; ${open.length - OPEN_BUCKETS_LISTED_MAX} more` : '');
    return `${plural(buckets.length, 'bucket')}, ${buckets.length - open.length} satisfied` + (open.length > 0 ? `; never true: ${listed}` : '');
  }
  const operator = OPERATOR[row.kind];
  if (operator === undefined) return undefined;
  if (row.best === undefined) return `never reached (must${row.kind.startsWith('always') ? '' : ' sometimes'} be ${operator} its bound)`;
  const must = row.kind.startsWith('always') ? 'must be' : 'sometimes';
  return `best ${row.best.value} (${must} ${operator} ${row.best.bound})`;
}

/** The line CI's log parser reads; always printed last. */
export function countsLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>): string {
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
  return `${summary.passed} passed, ${summary.failed} failed${skipped}`;
}

/** `5 layouts, 500 seeds, 1.2M events, 3 h simulated in 12.3 s (41 seeds/s)` (timelines for an exploration). */
export function totalsLine(summary: RunSummary): string {
  const events = summary.cases.reduce((sum, c) => sum + c.events, 0);
  const simTimeMs = summary.cases.reduce((sum, c) => sum + c.simTimeMs, 0);
  const seedsPerSec = summary.wallMs > 0 ? summary.seedsRun / (summary.wallMs / 1000) : 0;
  // An exploration's runs are timelines (a seed, or a child split from one).
  const unit = summary.cases.length > 0 && summary.cases.every((c) => c.exploration !== undefined) ? 'timeline' : 'seed';
  return (
    `${plural(summary.cases.length, 'layout')}, ${plural(summary.seedsRun, unit)}, ` +
    `${pluralCount(events, 'event')}, ${formatDurationMs(simTimeMs)} simulated ` +
    `in ${formatDurationMs(summary.wallMs)} (${formatCount(seedsPerSec)} ${unit}s/s)`
  );
}

/** `key=value` pairs of the resolved options, values JSON-encoded unless they are plain strings. */
export function optionsLine(options: Record<string, unknown>): string {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}
