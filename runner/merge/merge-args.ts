// The command line of `moonpool-test merge-reports FILES... [--reporter R] [--output-file F]
// [--fail-on-unsatisfied]` (yargs).
import yargs from 'yargs';
import { checkBooleanValues } from '../cli/cli-args.js';
import { DEFAULT_OUTPUT_FILES } from '../cli/report-files.js';
import { UsageError, closestOption } from '../cli/usage-error.js';

export type MergeReporterName = 'plain' | 'junit' | 'json';
const MERGE_REPORTERS: readonly MergeReporterName[] = ['plain', 'junit', 'json'];
const MERGE_OPTIONS = ['reporter', 'output-file', 'fail-on-unsatisfied', 'help'];

export interface MergeArgs {
  files: string[];
  reporters: MergeReporterName[];
  outputFiles: string[];
  failOnUnsatisfied: boolean;
  help: boolean;
}

function build(argv: string[]) {
  return yargs(argv)
    .scriptName('moonpool-test merge-reports')
    .usage(
      '$0 FILES... [--reporter plain|junit|json] [--output-file F] [--fail-on-unsatisfied]\n\n' +
        'Merges the JSON reports of the shards of one run (--shard i/n --reporter json) into the report of the whole run: ' +
        'counts, failures and coverage summed over the shards, seeds in the order one unsharded run records them.',
    )
    .version(false)
    .command('$0 [files..]', false, (b) =>
      b.positional('files', { type: 'string', array: true, describe: "every shard's JSON report, in any order" }),
    )
    .option('reporter', { type: 'string', array: true, choices: [...MERGE_REPORTERS], describe: 'Reporter (repeatable); plain always prints the merged run' })
    .option('output-file', {
      type: 'string',
      requiresArg: true,
      describe: `File the junit or json reporter writes (default ${DEFAULT_OUTPUT_FILES.junit}, ${DEFAULT_OUTPUT_FILES.json}); with both, name each: junit=PATH, json=PATH (repeatable)`,
    })
    .option('fail-on-unsatisfied', { type: 'boolean', describe: 'Fail when a sometimes-assertion or reachable site was satisfied in no shard' })
    .strict()
    .help()
    .alias('h', 'help')
    .exitProcess(false)
    .wrap(100)
    .epilog('Exit codes: 0 the merged run passed, 1 it has a failure (or an interrupted shard), 2 usage error or a report that cannot be merged.')
    .fail((message: string | undefined, error: Error | undefined) => {
      const text = message ?? error?.message ?? 'invalid command line';
      const unknown = /Unknown arguments?: (.+)/.exec(text);
      const hint = unknown ? closestOption(unknown[1].split(', ')[0], MERGE_OPTIONS) : undefined;
      throw new UsageError(`${text.trim()}${hint ? ` (did you mean --${hint}?)` : ''}`);
    });
}

/** Parses the arguments after `merge-reports`; throws a UsageError (exit 2). */
export function parseMergeArgs(argv: string[]): MergeArgs {
  checkBooleanValues(argv);
  const parsed = build(argv).parseSync() as Record<string, unknown>;
  const reporters = (parsed.reporter as MergeReporterName[] | undefined) ?? [];
  if (parsed.reporter !== undefined && reporters.length === 0) throw new UsageError('--reporter needs a value: plain, junit or json (repeat the flag for several).');
  const outputFile = parsed['output-file'] as string | string[] | undefined;
  const files = ((parsed.files as unknown[] | undefined) ?? []).map(String);
  if (files.length === 0 && parsed.help !== true) {
    throw new UsageError("no report files given: pass every shard's JSON report, for example moonpool-test merge-reports reports/shard-*.json --reporter junit.");
  }
  return {
    files,
    reporters: [...new Set(reporters)],
    outputFiles: outputFile === undefined ? [] : (Array.isArray(outputFile) ? outputFile : [outputFile]).map(String),
    failOnUnsatisfied: parsed['fail-on-unsatisfied'] === true,
    help: parsed.help === true,
  };
}
