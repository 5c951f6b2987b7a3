// Writes the JSON report (docs/json-report.md) at run-done (also for interrupted runs) or, failing
// that, at close(): a crash or Ctrl+C still leaves a complete file, written atomically.
import { resolve } from 'node:path';
import type { Reporter, RunnerEvent } from '../run/events.js';
import { packageVersion } from '../config/moonpool-package.js';
import { writeFileAtomically } from './atomic-file.js';
import type { JsonMergedShard } from './json-report.js';
import { JsonReportBuilder } from './json-report-builder.js';
import { renderJsonReport } from './json-report-render.js';

export interface JsonReporterOptions {
  /** merge-reports: the shard reports this run was merged from. */
  mergedFrom?: JsonMergedShard[];
  /** The report's createdAt (default: when it is written). */
  now?: () => Date;
}

export class JsonReporter implements Reporter {
  private readonly builder = new JsonReportBuilder();
  private readonly outputFile: string;
  private written = false;

  constructor(
    outputFile: string,
    private readonly options: JsonReporterOptions = {},
  ) {
    this.outputFile = resolve(outputFile);
  }

  onEvent(event: RunnerEvent): void {
    this.builder.apply(event);
    if (event.type === 'run-start') this.written = false;
    if (event.type === 'run-done') this.write();
  }

  async close(): Promise<void> {
    // The run ended without run-done (the runner threw or was killed): report what arrived.
    if (this.builder.started && !this.written) this.write();
  }

  private write(): void {
    const report = this.builder.report({ version: packageVersion(), createdAt: this.options.now?.() ?? new Date(), mergedFrom: this.options.mergedFrom });
    writeFileAtomically(this.outputFile, renderJsonReport(report), 'JsonReporter');
    this.written = true;
  }
}
