// The moonpool-test command line (yargs): flags are parsed here, validated in cli-values.ts.
import yargs from 'yargs';
import { DEFAULT_OUTPUT_FILES } from './report-files.js';
import { UsageError, closestOption } from './usage-error.js';

export { packageVersion } from '../config/moonpool-package.js';

const STRING_FLAGS = {
  seed: 'Run only this seed (unsigned 32-bit integer): replays a failure exactly, with --layout and a filter',
  recipe: 'Run only this timeline (SEED@EVENT/SEED..., as an explore run prints it): replays its failure exactly, with --layout and a filter',
  seeds: 'Seeds per case (integer >= 1), over the config file\'s and each topology\'s own',
  'base-seed': 'First seed of the run (unsigned 32-bit integer): the same base seed runs the same seeds',
  strategy: 'Seed strategy, for example fixed:100, until-all-sometimes:1000 or explore:2000, over the config file\'s and each topology\'s own',
  workers: 'Worker threads running seeds (integer >= 1; default one per core)',
  shard: 'Run shard i of n (1-based, e.g. 2/4): the shards together run exactly the seeds of one unsharded run',
  layout: 'Run only this layout of each matched topology (e.g. 2x10)',
  config: 'Path of the .moonpoolrc.json to use (default: searched from the current folder upwards)',
  'events-max': 'Simulated-event budget per seed (integer >= 1)',
  'sim-time-ms-max': 'Simulated-time budget per seed in ms (integer >= 1)',
  'seed-timeout-ms': 'Wall-clock watchdog per seed in ms: a seed running longer is killed (integer >= 1)',
  'liveness-timeout-ms': "Simulated ms that check() and the services' shutdown get once faults stop, overriding every topology's bound (integer >= 1)",
  'trace-filter': 'With --seed: print only the timeline entries matching every word (text, process, kind:K or process:P); implies --trace',
  timeline: 'With --seed: write the seed\'s timeline as one self-contained HTML file (lanes per process, messages, faults, the failure)',
  'only-faults': 'With --seed: apply only the injected faults with these ordinals (e.g. 3,17, or none); the others keep their draws and do not happen',
  'shrink-budget': 'Runs --shrink may use per failure (integer >= 1, default 200)',
} as const;

const BOOLEAN_FLAGS = {
  swarm: 'Swarm testing: each seed enables a random subset of fault families',
  watch: 'Re-run affected topologies when files change',
  'check-determinism': 'Run every seed twice and fail on the first divergent event',
  bail: 'Stop after the first failing seed',
  list: 'Print the matched cases and exit',
  real: 'Run each matched topology once on real sockets and timers over 127.0.0.1',
  'keep-storage': "With --real: keep each process's storage folder (printed in the result) instead of removing it",
  'fail-on-unsatisfied': 'Fail the run when a sometimes-assertion never held or a sometimes/reachable site in the source was never reached',
  trace: "With --seed: print the seed's timeline, one line per entry (connections, messages, faults, reboots, buggify, assertions, state, tasks, trace())",
  shrink: 'Find the fewest injected faults that still fail the same way (for --seed, or the first failure of the run), and print their replay',
  verbose: 'Print each failure in full: every option the seed ran with, the whole message, the stack, every recent timeline entry and reboot',
} as const;

const CHOICE_FLAGS = {
  network: { choices: ['perfect', 'default', 'hostile', 'random'], describe: 'Network preset of the simulated network' },
  buggify: { choices: ['auto', 'on', 'off'], describe: 'buggify() sites: per seed (auto), always enabled (on), never (off)' },
  guard: { choices: ['virtualize', 'reject'], describe: 'Real clocks, timers and Math.random in workloads: virtualized or a failure' },
  storage: { choices: ['perfect', 'default', 'hostile', 'random'], describe: 'Storage preset of the simulated disks (faults and latency; the crash model always applies)' },
  attrition: { choices: ['on', 'off'], describe: "Random process crashes and reboots in the safety phase: on (the topology's attrition, or a default one), off" },
} as const;

export type StringFlag = keyof typeof STRING_FLAGS;
export type BooleanFlag = keyof typeof BOOLEAN_FLAGS;
export type ChoiceFlag = keyof typeof CHOICE_FLAGS;

/** The command line as typed: raw strings, validated later so each error can be explained. */
export interface RawArgs {
  filters: string[];
  strings: Partial<Record<StringFlag, string>>;
  booleans: Partial<Record<BooleanFlag, boolean>>;
  choices: Partial<Record<ChoiceFlag, string>>;
  reporters: string[] | undefined;
  /** --output-file values (repeatable as `junit=PATH` / `json=PATH`): see report-files.ts. */
  outputFiles: string[];
  help: boolean;
  version: boolean;
}

export const ALL_OPTIONS = [...Object.keys(STRING_FLAGS), ...Object.keys(BOOLEAN_FLAGS), ...Object.keys(CHOICE_FLAGS), 'reporter', 'output-file', 'help', 'version'].sort();

function build(argv: string[]) {
  let parser = yargs(argv)
    .scriptName('moonpool-test')
    // Ours, not yargs': it would print the version of whichever package.json it finds first.
    .version(false)
    .option('version', { type: 'boolean', describe: 'Print the version and exit' })
    .command('$0 [filter..]', 'Run the simulation tests of the topologies matching the filters (names or case ids; * and ? globs)', (b) =>
      b.positional('filter', { type: 'string', array: true, describe: 'topology names or case ids (substring or glob)' }),
    )
    .command('merge-reports <files..>', 'Merge the JSON reports of the shards of one run into one report (moonpool-test merge-reports --help)')
    .option('reporter', { type: 'string', array: true, choices: ['ink', 'plain', 'junit', 'json'], describe: 'Reporter (repeatable)' })
    .option('output-file', {
      type: 'string',
      requiresArg: true,
      describe: `File the junit or json reporter writes (default ${DEFAULT_OUTPUT_FILES.junit}, ${DEFAULT_OUTPUT_FILES.json}); with both, name each: junit=PATH, json=PATH (repeatable)`,
    });
  for (const [name, describe] of Object.entries(STRING_FLAGS)) parser = parser.option(name, { type: 'string', requiresArg: true, describe });
  for (const [name, describe] of Object.entries(BOOLEAN_FLAGS)) parser = parser.option(name, { type: 'boolean', describe });
  for (const [name, spec] of Object.entries(CHOICE_FLAGS)) parser = parser.option(name, { type: 'string', choices: [...spec.choices], describe: spec.describe });
  return parser
    .strict()
    .help()
    .alias('h', 'help')
    .exitProcess(false)
    .wrap(100)
    .epilog('Exit codes: 0 all passed, 1 a failure (or nothing matched), 2 usage or configuration error.')
    .fail((message: string | undefined, error: Error | undefined) => {
      const text = message ?? error?.message ?? 'invalid command line';
      const unknown = /Unknown arguments?: (.+)/.exec(text);
      const hint = unknown ? closestOption(unknown[1].split(', ')[0], ALL_OPTIONS) : undefined;
      throw new UsageError(
        `${text.trim()}${hint ? ` (did you mean --${hint}?)` : ''}` +
          (unknown ? `\nValid options: ${ALL_OPTIONS.map((o) => `--${o}`).join(', ')}.` : ''),
      );
    });
}

/** `--bail=yes` would parse as false: a boolean flag takes no value, or exactly true/false. */
export function checkBooleanValues(argv: readonly string[]): void {
  for (const arg of argv) {
    const match = /^--(?:no-)?([a-z-]+)=(.*)$/.exec(arg);
    if (match === null || !(match[1] in BOOLEAN_FLAGS) || match[2] === 'true' || match[2] === 'false') continue;
    throw new UsageError(`--${match[1]} is a switch: give it alone (or =true / =false), not "${arg}".`);
  }
}

/** Parses the command line; throws a UsageError (exit 2) for unknown flags or bad choices. */
export function parseArgs(argv: string[]): RawArgs {
  checkBooleanValues(argv);
  const parsed = build(argv).parseSync() as Record<string, unknown>;
  const single = (name: string): string | undefined => {
    const value = parsed[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times (${value.join(', ')}); give it once.`);
    return String(value);
  };
  const strings: RawArgs['strings'] = {};
  for (const name of Object.keys(STRING_FLAGS) as StringFlag[]) strings[name] = single(name);
  const choices: RawArgs['choices'] = {};
  for (const name of Object.keys(CHOICE_FLAGS) as ChoiceFlag[]) choices[name] = single(name);
  const booleans: RawArgs['booleans'] = {};
  for (const name of Object.keys(BOOLEAN_FLAGS) as BooleanFlag[]) {
    const value = parsed[name];
    if (value !== undefined) booleans[name] = Array.isArray(value) ? Boolean(value[value.length - 1]) : Boolean(value);
  }
  // The main parser lists merge-reports for --help; main() runs it only as the first word.
  if ((parsed._ as unknown[] | undefined)?.[0] === 'merge-reports') {
    throw new UsageError('merge-reports is a command of its own: give it first, as moonpool-test merge-reports FILES... (moonpool-test merge-reports --help).');
  }
  const reporters = parsed.reporter as string[] | undefined;
  if (reporters !== undefined && reporters.length === 0) throw new UsageError('--reporter needs a value: ink, plain, junit or json (repeat the flag for several).');
  const outputFile = parsed['output-file'] as string | string[] | undefined;
  const outputFiles = outputFile === undefined ? [] : (Array.isArray(outputFile) ? outputFile : [outputFile]).map(String);
  const filters = ((parsed.filter as unknown[] | undefined) ?? []).map(String);
  return { filters, strings, booleans, choices, reporters, outputFiles, help: parsed.help === true, version: parsed.version === true };
}
