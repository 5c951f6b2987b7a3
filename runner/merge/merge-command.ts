// `moonpool-test merge-reports`: reads the JSON reports of a run's shards, merges them into the
// report of the whole run and replays it as runner events through the usual reporters, so a
// merged run prints and writes exactly as an unsharded one. Exit codes as for a run: 0 passed,
// 1 a failure, 2 a usage error or reports that cannot be merged.
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { EXIT_FAILED, EXIT_PASSED, EXIT_USAGE } from '../cli/cli.js';
import type { Reporter } from '../run/events.js';
import { outputFilesOf, type FileReporterName } from '../cli/report-files.js';
import { JsonReporter } from '../reporters/json-reporter.js';
import { JUnitReporter } from '../reporters/junit-reporter.js';
import type { JsonReport } from '../reporters/json-report.js';
import { PlainReporter } from '../reporters/plain-reporter.js';
import { UsageError } from '../cli/usage-error.js';
import { parseMergeArgs } from './merge-args.js';
import { readReportFile, ReportInputError } from './report-file.js';
import { reportEvents } from './report-events.js';
import { checkShards, mergeReports } from './report-merge.js';

export interface MergeIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  cwd: string;
  ci: boolean;
}

/** The options the console reporter prints for the merged run. */
function displayOptions(report: JsonReport, files: readonly string[]): Record<string, unknown> {
  const { settings } = report.run;
  const set = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== null));
  return { mergedFrom: files, ...set, failOnUnsatisfied: report.run.failOnUnsatisfied };
}

export async function mergeReportsCommand(argv: string[], io: MergeIo): Promise<number> {
  try {
    const args = parseMergeArgs(argv);
    if (args.help) return EXIT_PASSED;
    const fileReporters = args.reporters.filter((name): name is FileReporterName => name !== 'plain');
    const files = outputFilesOf(fileReporters, { flags: args.outputFiles, cwd: io.cwd });
    for (const [name, path] of files) {
      const input = args.files.find((file) => resolve(io.cwd, file) === path);
      if (input !== undefined) throw new UsageError(`the ${name} reporter would write over ${input}, one of the reports being merged: pass another --output-file.`);
    }
    const inputs = args.files.map((file) => readReportFile(file, io.cwd));
    checkShards(inputs);
    const merged = mergeReports(inputs, { failOnUnsatisfied: args.failOnUnsatisfied, createdAt: new Date() });
    const reporters: Reporter[] = [new PlainReporter({ stdout: io.stdout, stderr: io.stderr, color: io.stdout.isTTY === true && !io.ci })];
    for (const [name, path] of files) {
      reporters.push(name === 'junit' ? new JUnitReporter(path) : new JsonReporter(path, { mergedFrom: merged.run.mergedFrom }));
    }
    try {
      for (const event of reportEvents(merged, displayOptions(merged, args.files))) for (const reporter of reporters) reporter.onEvent(event);
    } finally {
      await Promise.all(reporters.map((r) => r.close()));
    }
    if (merged.totals.definitionErrors > 0) return EXIT_USAGE;
    return merged.run.ok ? EXIT_PASSED : EXIT_FAILED;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`moonpool-test merge-reports: ${error.message}\nRun moonpool-test merge-reports --help for the options.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ReportInputError) {
      io.stderr.write(`moonpool-test merge-reports: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
