// The reporter for pipes and CI logs: append-only lines, no cursor movement, ANSI colour only on
// a TTY. Its last line is always `N passed, N failed[, N skipped]`, which CI's log parser reads.
import type { Writable } from 'node:stream';
import { isUnsatisfied, type CoverageRow, type SeedResult } from '../../src/internal.js';
import type { RunSummary } from '../run/events.js';
import type { Reporter, RunnerEvent } from '../run/events.js';
import { failureHeadline, failureLines } from './failure-block.js';
import { caseLine, countsLine, coverageDetail, optionsLine, plural, totalsLine } from './format.js';
import { OutputBuffer } from './output-buffer.js';
import { sanitizeText } from './sanitize.js';

export const FAILURES_PER_CASE_SHOWN_MAX = 20;

export interface PlainReporterOptions {
  stdout: Writable;
  stderr: Writable;
  /** ANSI colour for marks and headlines: only when stdout is a TTY. */
  color: boolean;
  failuresPerCaseMax?: number;
  /** --verbose: each failure with every option, the whole message and the stack. */
  verbose?: boolean;
}

export class PlainReporter implements Reporter {
  private readonly output = new OutputBuffer();
  private readonly shownSeeds = new Map<string, number[]>();
  private coverageRows: CoverageRow[] = [];

  constructor(private readonly options: PlainReporterOptions) {}

  onEvent(event: RunnerEvent): void {
    switch (event.type) {
      case 'run-start': {
        this.output.clear();
        this.shownSeeds.clear();
        this.coverageRows = [];
        const planned = event.cases.reduce((sum, c) => sum + c.seedsPlanned, 0);
        const workers = plural(event.workers, 'worker');
        this.line(`moonpool-test: ${plural(event.cases.length, 'layout')}, ${plural(planned, 'seed')} planned, ${workers}`);
        this.line(`options: ${optionsLine(event.options)}`);
        const shard = event.options.shard as { index: number; count: number } | undefined;
        if (planned === 0 && shard !== undefined && event.cases.length > 0) {
          this.line(`shard ${shard.index}/${shard.count} holds none of this run's seeds (fewer seeds per layout than shards): nothing to run here.`);
        }
        return;
      }
      case 'output':
        this.output.add(event.caseId, event.seed, event.text, event.recipe);
        return;
      case 'seed-done':
        this.onSeedDone(event.result);
        return;
      case 'case-done': {
        const s = event.summary;
        this.line(s.failed > 0 ? `${this.paint(31, '✗')} ${caseLine(s)}` : `${this.paint(32, '✓')} ${caseLine(s)}`);
        const shown = new Set(this.shownSeeds.get(s.caseId) ?? []);
        const hidden = s.failingSeeds.filter((seed) => !shown.has(seed));
        if (hidden.length > 0) {
          const listed = hidden.slice(0, 10).join(', ') + (hidden.length > 10 ? ', …' : '');
          this.line(`  ${plural(hidden.length, 'more failing seed')} of ${s.caseId} not shown: ${listed}`);
        }
        return;
      }
      case 'error':
        this.options.stderr.write(`moonpool-test error: ${sanitizeText(event.message)}\n`);
        return;
      case 'coverage':
        this.coverageRows = event.rows;
        return;
      case 'run-done':
        this.onRunDone(event.summary, event.interrupted);
        return;
    }
  }

  async close(): Promise<void> {
    this.output.clear();
  }

  private onSeedDone(result: SeedResult): void {
    const lines = this.output.take(result.caseId, result.seed, result.recipe);
    if (result.ok) return;
    const shown = this.shownSeeds.get(result.caseId) ?? [];
    if (shown.length >= (this.options.failuresPerCaseMax ?? FAILURES_PER_CASE_SHOWN_MAX)) return;
    shown.push(result.seed);
    this.shownSeeds.set(result.caseId, shown);
    const details = failureLines(result, { verbose: this.options.verbose, outputLines: lines }).map((l) => `    ${l}`);
    this.line([`${this.paint(31, '✗')} ${failureHeadline(result)}`, ...details, ''].join('\n'));
  }

  private onRunDone(summary: RunSummary, interrupted: boolean): void {
    const sites = this.coverageRows.length;
    if (sites > 0 || summary.unsatisfied.length > 0) {
      const satisfied = this.coverageRows.filter((r) => !isUnsatisfied(r)).length;
      const head = sites > 0 ? `coverage: ${satisfied} of ${plural(sites, 'assertion site')} satisfied` : 'coverage:';
      this.line(head);
      for (const row of this.coverageRows) {
        const detail = coverageDetail(row);
        if (detail !== undefined) this.line(`  ${row.kind} "${sanitizeText(row.message)}": ${detail}`);
      }
      for (const row of summary.unsatisfied) {
        this.line(`  ${this.paint(33, 'never satisfied')}: ${unsatisfiedText(row)}`);
      }
    }
    if (interrupted) {
      const planned = summary.cases.reduce((sum, c) => sum + c.seedsPlanned, 0);
      this.line(this.paint(33, `interrupted: ${summary.seedsRun} of ${plural(planned, 'planned seed')} ran`));
    }
    this.line(totalsLine(summary));
    this.line(countsLine(summary));
  }

  private line(text: string): void {
    this.options.stdout.write(`${text}\n`);
  }

  private paint(code: number, text: string): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[39m` : text;
  }
}

/** `"leader elected" (sometimes, reached in 40 seeds, never true) at workloads/raft.ts:88`. */
export function unsatisfiedText(row: CoverageRow): string {
  const reached =
    row.seedsReached === 0 ? 'never reached'
    : row.seedsSatisfied > 0 ? `reached in ${plural(row.seedsReached, 'seed')}, a bucket never true`
    : `reached in ${plural(row.seedsReached, 'seed')}, never true`;
  const where = row.locations === undefined ? '' : ` at ${sanitizeText(row.locations.join(', '))}`;
  return `"${sanitizeText(row.message)}" (${row.kind}, ${reached})${where}`;
}
