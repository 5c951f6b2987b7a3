// Merges the JSON reports of the shards of one run into the report of the whole run: counts and
// coverage summed, seeds put back in the order one unsharded run records them. Reports that are
// not the shards of one run (another base seed, other settings or cases, a shard twice or
// missing) are refused with one paragraph naming the files and the fix.
import { CoverageTable, type CoverageRow } from '../../src/internal.js';
import { addFaults, jsonCoverageRow } from '../reporters/json-report-builder.js';
import type { JsonCase, JsonCaseState, JsonMergedShard, JsonReport, JsonSettings, JsonShard } from '../reporters/json-report.js';
import { ReportInputError, type ReportInput } from './report-file.js';

export interface MergeOptions {
  /** --fail-on-unsatisfied: a site no shard satisfied fails the merged run. */
  failOnUnsatisfied: boolean;
  createdAt: Date;
}

/** The settings shards of one run must share: all but the watchdog, which only bounds wall time. */
const COMPARED_SETTINGS = [
  'baseSeed', 'filters', 'layout', 'seed', 'onlyFaults', 'network', 'buggify', 'storage', 'attrition', 'swarm', 'guard',
  'checkDeterminism', 'bail', 'real', 'eventsMax', 'simTimeMsMax', 'livenessTimeoutMs',
] as const satisfies readonly (keyof JsonSettings)[];

const SAME_RUN_FIX = 'The shards of one run share the moonpool version, the base seed, the cases and every setting that decides the seeds (all but --shard\'s index): rerun the shards with one command line and .moonpoolrc.json, or merge each run\'s shards separately.';

function shardText(shard: JsonShard | null): string {
  return shard === null ? 'a whole run' : `shard ${shard.index}/${shard.count}`;
}

/** Throws a ReportInputError unless `inputs` are one whole run, or every shard of one run once. */
export function checkShards(inputs: readonly ReportInput[]): void {
  if (inputs.length === 0) throw new ReportInputError('no report files given: pass the JSON report of every shard of the run (moonpool-test merge-reports shard-*.json).');
  if (inputs.length === 1 && inputs[0].report.run.shard === null) return;
  const whole = inputs.find((i) => i.report.run.shard === null);
  if (whole !== undefined) {
    throw new ReportInputError(
      `${whole.file}: is ${whole.report.run.mergedFrom !== undefined ? 'a merged report' : 'a whole run (written without --shard)'}, which already holds every seed of its run; ` +
        'merging it with other reports would count seeds twice. Pass only the shard reports of one run (or this file alone, to render it with another reporter).',
    );
  }
  const [first] = inputs;
  const count = first.report.run.shard!.count;
  for (const input of inputs.slice(1)) {
    const shard = input.report.run.shard!;
    if (shard.count !== count) {
      throw new ReportInputError(`${input.file}: is shard ${shard.index}/${shard.count} but ${first.file} is ${shardText(first.report.run.shard)}: the shards of one run were all run with the same --shard i/N. ${SAME_RUN_FIX}`);
    }
    checkSameRun(first, input);
  }
  const byIndex = new Map<number, string>();
  for (const input of inputs) {
    const { index } = input.report.run.shard!;
    const other = byIndex.get(index);
    if (other !== undefined) {
      throw new ReportInputError(
        `${other} and ${input.file} are both shard ${index}/${count}${other === input.file ? ' (the same file, given twice)' : ''}: pass each shard's report once. ` +
          'Did a job upload its report twice, or did two jobs run the same --shard?',
      );
    }
    byIndex.set(index, input.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const given = inputs.map((i) => `${i.file} (${shardText(i.report.run.shard)})`).join(', ');
    throw new ReportInputError(
      `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${given}). ` +
        "A merged report holds every seed of the run: pass every shard's report. A shard whose job died before writing its report must be run again.",
    );
  }
}

/** Throws unless `b` comes from the same run as `a`. */
function checkSameRun(a: ReportInput, b: ReportInput): void {
  const differ = (what: string, x: unknown, y: unknown) => {
    throw new ReportInputError(`${b.file}: comes from another run than ${a.file}: ${what} differs (${JSON.stringify(y)} there, ${JSON.stringify(x)} in ${a.file}). ${SAME_RUN_FIX}`);
  };
  if (a.report.generator.version !== b.report.generator.version) differ('the moonpool version', a.report.generator.version, b.report.generator.version);
  for (const key of COMPARED_SETTINGS) {
    const x = a.report.run.settings[key];
    const y = b.report.run.settings[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) differ(`the setting "${key}"`, x, y);
  }
  const casesOf = (input: ReportInput) => input.report.cases.map((c) => `${c.caseId} ${c.strategy}`);
  const [x, y] = [casesOf(a), casesOf(b)];
  if (JSON.stringify(x) !== JSON.stringify(y)) {
    const onlyA = x.filter((c) => !y.includes(c));
    const onlyB = y.filter((c) => !x.includes(c));
    differ('the list of cases and their strategies', onlyA.length > 0 ? onlyA : x, onlyB.length > 0 ? onlyB : y);
  }
}

/** The report of the whole run the shard reports `inputs` (checked by checkShards) came from. */
export function mergeReports(inputs: readonly ReportInput[], options: MergeOptions): JsonReport {
  const shards = [...inputs].sort((a, b) => (a.report.run.shard?.index ?? 0) - (b.report.run.shard?.index ?? 0)).map((i) => i.report);
  const [first] = shards;
  const cases = first.cases.map((_, i) => mergeCase(shards.map((s) => s.cases[i])));
  const coverage = new CoverageTable();
  for (const shard of shards) coverage.merge(shard.coverage.sites as CoverageRow[]);
  const sites = coverage.rows().map(jsonCoverageRow);
  const unsatisfied = sites.filter((row) => row.seedsSatisfied === 0);
  const errors = [...new Set(shards.flatMap((s) => s.errors))];
  const interrupted = shards.some((s) => s.run.interrupted);
  const sum = (pick: (c: JsonCase) => number) => cases.reduce((total, c) => total + pick(c), 0);
  const faults: Record<string, number> = {};
  for (const c of cases) addFaults(faults, c.faults);
  const ok =
    !interrupted &&
    errors.length === 0 &&
    cases.some((c) => c.seedsRun > 0) &&
    cases.every((c) => c.failed === 0) &&
    !(options.failOnUnsatisfied && unsatisfied.length > 0);
  const mergedFrom: JsonMergedShard[] | undefined =
    inputs.length === 1 && first.run.shard === null
      ? first.run.mergedFrom
      : [...inputs]
          .sort((a, b) => a.report.run.shard!.index - b.report.run.shard!.index)
          .map(({ file, report }) => ({ file, shard: report.run.shard!, createdAt: report.createdAt, ok: report.run.ok, workers: report.run.workers, wallMs: report.run.wallMs }));
  return {
    schemaVersion: first.schemaVersion,
    generator: { ...first.generator },
    createdAt: options.createdAt.toISOString(),
    run: {
      ok,
      interrupted,
      failOnUnsatisfied: options.failOnUnsatisfied,
      shard: null,
      workers: shards.reduce((total, s) => total + s.run.workers, 0),
      // The shards ran side by side: the merged run took as long as the longest.
      wallMs: Math.max(...shards.map((s) => s.run.wallMs)),
      settings: structuredClone(first.run.settings),
      ...(mergedFrom !== undefined ? { mergedFrom } : {}),
    },
    totals: {
      cases: cases.length,
      seedsPlanned: sum((c) => c.seedsPlanned),
      seedsRun: sum((c) => c.seedsRun),
      passed: sum((c) => c.passed),
      failed: sum((c) => c.failed),
      skipped: shards.reduce((total, s) => total + s.totals.skipped, 0),
      events: sum((c) => c.events),
      simTimeMs: sum((c) => c.simTimeMs),
      faults,
      // Every shard loaded the same project: the same files are wrong in each.
      definitionErrors: Math.max(...shards.map((s) => s.totals.definitionErrors)),
    },
    cases,
    coverage: { sites, unsatisfied },
    errors,
  };
}

/** The suffix src/sim/run-case.ts gives a shard's stop reason. */
const SHARD_SUFFIX = / \(shard \d+\/\d+: \d+ seeds? here\)$/;

/** One case over the shards, in shard order. Shard i of n holds the seed indexes i-1, i-1+n, ...,
 * so taking one seed from each shard in turn restores the unsharded run's seed order. */
function mergeCase(parts: readonly JsonCase[]): JsonCase {
  const [first] = parts;
  const seeds: JsonCase['seeds'] = [];
  const longest = Math.max(...parts.map((p) => p.seeds.length));
  for (let i = 0; i < longest; i++) for (const part of parts) if (i < part.seeds.length) seeds.push(part.seeds[i]);
  const position = new Map(seeds.map((s, i) => [s.seed, i]));
  const failures = parts.flatMap((p) => p.failures).sort((a, b) => (position.get(a.seed) ?? 0) - (position.get(b.seed) ?? 0));
  const coverage = new CoverageTable();
  for (const part of parts) coverage.merge(part.coverage as CoverageRow[]);
  const faults: Record<string, number> = {};
  for (const part of parts) addFaults(faults, part.faults);
  const sum = (pick: (c: JsonCase) => number) => parts.reduce((total, p) => total + pick(p), 0);
  const reasons = parts.map((p) => p.stopReason).filter((r): r is string => r !== null);
  // `ran 100 seeds (shard 2/4: 25 seeds here)`: the same reason in every shard is the whole run's.
  const unsharded = [...new Set(reasons.map((r) => r.replace(SHARD_SUFFIX, '')))];
  return {
    caseId: first.caseId,
    topology: first.topology,
    layout: first.layout,
    file: first.file,
    strategy: first.strategy,
    state: mergedState(parts),
    seedsPlanned: sum((p) => p.seedsPlanned),
    seedsRun: sum((p) => p.seedsRun),
    passed: sum((p) => p.passed),
    failed: sum((p) => p.failed),
    events: sum((p) => p.events),
    simTimeMs: sum((p) => p.simTimeMs),
    wallMs: sum((p) => p.wallMs),
    stopReason: reasons.length === 0 ? null : unsharded.length === 1 ? unsharded[0] : reasons.join('; '),
    faults,
    failingSeeds: seeds.filter((s) => !s.ok).map((s) => s.seed),
    coverage: coverage.rows().map(jsonCoverageRow),
    failures,
    seeds,
  };
}

/** Done when every shard holding seeds of the case finished it; not run when no shard started
 * it; otherwise (an interruption, or a --bail in some shards) interrupted. */
function mergedState(parts: readonly JsonCase[]): JsonCaseState {
  const holding = parts.filter((p) => p.seedsPlanned > 0);
  if (holding.length > 0 && holding.every((p) => p.state === 'done')) return 'done';
  if (parts.every((p) => p.state === 'not-run')) return 'not-run';
  return 'interrupted';
}
