// Resolves the run's options: command-line flags over .moonpoolrc.json over built-in defaults.
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { DEFAULT_BASE_SEED, parseRecipe, parseStrategy, type Recipe, type Shard } from '../../src/internal.js';
import type { RawArgs } from './cli-args.js';
import { parseFaultOrdinals, parsePositiveInt, parseSeed, parseShard, TIMER_MS_MAX } from './cli-values.js';
import { ConfigError, loadConfig, type LoadedConfig, type MoonpoolConfig, type ReporterName } from '../config/config.js';
import { FILE_REPORTER_NAMES, outputFilesOf, type FileReporterName } from './report-files.js';
import { UsageError } from './usage-error.js';

export const DEFAULT_SEED_TIMEOUT_MS = 60_000;
export const DEFAULT_SHRINK_BUDGET = 200;
/** Timeouts run on Node timers (the watchdog; check() with --real): past this they fire at once. */
const TIMER_LIMIT = { value: TIMER_MS_MAX, why: 'the longest delay a Node timer holds, about 24.8 days' };

/** Seed workers past 4 per core only share the cores, and each holds its own heap. */
function workersLimit(): { value: number; why: string } {
  const cores = availableParallelism();
  return { value: cores * 4, why: `4 per core on this machine's ${cores}: more workers share the same cores and each holds its own heap of tens of MB` };
}

export interface ReporterSpec {
  name: ReporterName;
  outputFile?: string;
}

/** A seed strategy as written, and where (printed by --list): `"seeds" in .moonpoolrc.json`. */
export interface StrategyChoice {
  text: string;
  source: string;
}

export interface RunOptions {
  loaded: LoadedConfig;
  filters: string[];
  layout?: string;
  /** --seed: run this one seed of each matched case. */
  seed?: number;
  /** --recipe: run this one timeline of each matched case. */
  recipe?: Recipe;
  /** --strategy or --seeds: overrides the config's and every topology's. */
  strategy?: StrategyChoice;
  /** The config's "strategy" (or "seeds"): overrides every topology's own. */
  configStrategy?: StrategyChoice;
  baseSeed: number;
  /** Undefined: each topology's own setting. */
  network?: NonNullable<MoonpoolConfig['network']>;
  buggify?: NonNullable<MoonpoolConfig['buggify']>;
  /** Undefined: each topology's own storage preset. */
  storage?: NonNullable<MoonpoolConfig['storage']>;
  /** Undefined: each topology's own attrition. */
  attrition?: NonNullable<MoonpoolConfig['attrition']>;
  swarm: boolean;
  guard: NonNullable<MoonpoolConfig['guard']>;
  workers: number;
  shard?: Shard;
  checkDeterminism: boolean;
  bail: boolean;
  list: boolean;
  real: boolean;
  /** --keep-storage: a --real run leaves its storage folders. */
  keepStorage: boolean;
  watch: boolean;
  failOnUnsatisfied: boolean;
  /** --verbose: reporters print each failure in full. */
  verbose: boolean;
  eventsMax?: number;
  simTimeMsMax?: number;
  /** --liveness-timeout-ms, else the config's timeouts.livenessMs: overrides every topology's bound. */
  livenessTimeoutMs?: number;
  seedTimeoutMs: number;
  reporters: ReporterSpec[];
  /** --trace (or --trace-filter): print the replayed seed's timeline. */
  trace: boolean;
  /** --trace-filter: the words every printed entry matches. */
  traceFilter?: string;
  /** --timeline: the HTML file the replayed seed's timeline is written to (absolute). */
  timelineFile?: string;
  /** --only-faults: the fault ordinals the replayed seed applies. */
  onlyFaults?: number[];
  /** --shrink: shrink the injected faults of the replayed seed's, or the run's first, failure. */
  shrink: boolean;
  /** Runs a shrink may use (--shrink-budget). */
  shrinkBudget: number;
  /** Watch mode: run only these case ids (after the filters). */
  caseIds?: string[];
  /** Watch mode: caseId → seeds that failed last time, run first. */
  seedsFirst?: Record<string, number[]>;
}

export interface TerminalInfo {
  cwd: string;
  isTTY: boolean;
  ci: boolean;
}

function checkStrategy(text: string, onError: (message: string) => Error): string {
  try {
    parseStrategy(text);
  } catch (error) {
    throw onError(error instanceof Error ? error.message : String(error));
  }
  return text;
}

function reportersOf(raw: RawArgs, config: MoonpoolConfig, terminal: TerminalInfo, root: string, configFile: string): ReporterSpec[] {
  const names = (raw.reporters ?? config.reporters ?? []) as ReporterName[];
  const onTerminal: ReporterName = terminal.isTTY && !terminal.ci ? 'ink' : 'plain';
  const chosen = [...new Set(names)];
  // A file reporter alone would leave the terminal silent: the console reporter comes along.
  if (!chosen.includes('ink') && !chosen.includes('plain')) chosen.unshift(onTerminal);
  const fileReporters = chosen.filter((name): name is FileReporterName => (FILE_REPORTER_NAMES as readonly string[]).includes(name));
  const files = outputFilesOf(fileReporters, {
    flags: raw.outputFiles,
    cwd: terminal.cwd,
    config: config.outputFile === undefined ? undefined : { value: config.outputFile, root, file: configFile },
  });
  return chosen.map((name) => {
    const outputFile = files.get(name as FileReporterName);
    return outputFile === undefined ? { name } : { name, outputFile };
  });
}

/** Flags over the config file over defaults; throws a UsageError or ConfigError (exit 2). */
export function resolveRunOptions(raw: RawArgs, terminal: TerminalInfo): RunOptions {
  const loaded = loadConfig(terminal.cwd, raw.strings.config);
  const { config } = loaded;
  const s = raw.strings;
  const b = raw.booleans;
  const configFile = loaded.file ?? '.moonpoolrc.json';
  if (s.seed !== undefined && (s.seeds !== undefined || s.strategy !== undefined)) {
    throw new UsageError(`--seed runs exactly one seed: drop ${s.seeds !== undefined ? '--seeds' : '--strategy'}, or drop --seed to run many.`);
  }
  if (s.recipe !== undefined) {
    const other = s.seed !== undefined ? '--seed' : s.seeds !== undefined ? '--seeds' : s.strategy !== undefined ? '--strategy' : b.real === true ? '--real' : undefined;
    if (other !== undefined) throw new UsageError(`--recipe replays exactly one simulated timeline, its seed included: drop ${other}, or drop --recipe.`);
  }
  if (b['keep-storage'] === true && b.real !== true) throw new UsageError('--keep-storage keeps the storage folders of a --real run: add --real (a simulated disk lives in memory).');
  if (s.seeds !== undefined && s.strategy !== undefined) throw new UsageError('--seeds N is short for --strategy fixed:N: give one of them.');
  checkReplayFlags(raw);
  const strategy: StrategyChoice | undefined =
    s.strategy !== undefined ? { text: checkStrategy(s.strategy, (m) => new UsageError(`--strategy: ${m}`)), source: '--strategy' }
    : s.seeds !== undefined ? { text: `fixed:${parsePositiveInt('seeds', s.seeds)}`, source: '--seeds' }
    : undefined;
  // A config with both: "strategy" is the more precise.
  const configName = basename(configFile);
  const configStrategy: StrategyChoice | undefined =
    config.strategy !== undefined
      ? { text: checkStrategy(config.strategy, (m) => new ConfigError([`${configFile}: key "/strategy" is invalid: ${m}`])), source: `"strategy" in ${configName}` }
      : config.seeds !== undefined ? { text: `fixed:${config.seeds}`, source: `"seeds" in ${configName}` }
      : undefined;
  const timeouts = config.timeouts ?? {};
  return {
    loaded,
    filters: raw.filters,
    layout: s.layout,
    seed: s.seed !== undefined ? parseSeed('seed', s.seed) : undefined,
    recipe: s.recipe !== undefined ? recipeOf(s.recipe) : undefined,
    strategy,
    configStrategy,
    baseSeed: s['base-seed'] !== undefined ? parseSeed('base-seed', s['base-seed']) : config.baseSeed ?? DEFAULT_BASE_SEED,
    network: (raw.choices.network as RunOptions['network']) ?? config.network,
    buggify: (raw.choices.buggify as RunOptions['buggify']) ?? config.buggify,
    attrition: (raw.choices.attrition as RunOptions['attrition']) ?? config.attrition,
    storage: (raw.choices.storage as RunOptions['storage']) ?? config.storage,
    swarm: b.swarm ?? config.swarm ?? false,
    guard: (raw.choices.guard as RunOptions['guard']) ?? config.guard ?? 'virtualize',
    workers: s.workers !== undefined ? parsePositiveInt('workers', s.workers, workersLimit()) : config.workers ?? availableParallelism(),
    shard: s.shard !== undefined ? parseShard(s.shard) : undefined,
    checkDeterminism: b['check-determinism'] ?? false,
    bail: b.bail ?? false,
    list: b.list ?? false,
    real: b.real ?? false,
    keepStorage: b['keep-storage'] ?? false,
    watch: b.watch ?? false,
    failOnUnsatisfied: b['fail-on-unsatisfied'] ?? false,
    verbose: b.verbose ?? false,
    eventsMax: s['events-max'] !== undefined ? parsePositiveInt('events-max', s['events-max']) : timeouts.eventsMax,
    simTimeMsMax: s['sim-time-ms-max'] !== undefined ? parsePositiveInt('sim-time-ms-max', s['sim-time-ms-max']) : timeouts.simTimeMsMax,
    livenessTimeoutMs: s['liveness-timeout-ms'] !== undefined ? parsePositiveInt('liveness-timeout-ms', s['liveness-timeout-ms'], TIMER_LIMIT) : timeouts.livenessMs,
    seedTimeoutMs: s['seed-timeout-ms'] !== undefined ? parsePositiveInt('seed-timeout-ms', s['seed-timeout-ms'], TIMER_LIMIT) : timeouts.seedMs ?? DEFAULT_SEED_TIMEOUT_MS,
    reporters: reportersOf(raw, config, terminal, loaded.root, configFile),
    trace: b.trace === true || s['trace-filter'] !== undefined,
    traceFilter: s['trace-filter'],
    timelineFile: s.timeline !== undefined ? resolve(terminal.cwd, s.timeline) : undefined,
    onlyFaults: s['only-faults'] !== undefined ? parseFaultOrdinals(s['only-faults']) : undefined,
    shrink: b.shrink ?? false,
    shrinkBudget: s['shrink-budget'] !== undefined ? parsePositiveInt('shrink-budget', s['shrink-budget']) : DEFAULT_SHRINK_BUDGET,
  };
}

/** The flags that explain one seed need that seed, and no --real or --watch. */
function checkReplayFlags(raw: RawArgs): void {
  const s = raw.strings;
  const b = raw.booleans;
  const oneSeed = [b.trace === true && '--trace', s['trace-filter'] !== undefined && '--trace-filter', s.timeline !== undefined && '--timeline', s['only-faults'] !== undefined && '--only-faults'].filter(
    (flag): flag is string => flag !== false,
  );
  if (oneSeed.length > 0 && s.seed === undefined) {
    throw new UsageError(`${oneSeed.join(' and ')} ${oneSeed.length > 1 ? 'explain' : 'explains'} one seed: add --seed N (copy the replay command of a failure and add the flag to it).`);
  }
  const explain = [...oneSeed, ...(b.shrink === true ? ['--shrink'] : []), ...(s['shrink-budget'] !== undefined ? ['--shrink-budget'] : [])];
  if (explain.length > 0 && b.real === true) throw new UsageError(`${explain[0]} needs a simulated run, which replays exactly: drop --real.`);
  if (explain.length > 0 && b.watch === true) throw new UsageError(`${explain[0]} explains one run: drop --watch.`);
  if (s['shrink-budget'] !== undefined && b.shrink !== true) throw new UsageError('--shrink-budget sets the runs of --shrink: add --shrink (or drop --shrink-budget).');
  if (s.timeline !== undefined && !/\.html?$/i.test(s.timeline)) throw new UsageError(`--timeline ${s.timeline}: the view is one HTML file; give a path ending in .html, for example --timeline failure.html.`);
}

function recipeOf(text: string): Recipe {
  try {
    return parseRecipe(text);
  } catch (error) {
    throw new UsageError(`--recipe: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `fixed:300 (from "seeds" in .moonpoolrc.json)`. */
export function strategyChoiceText(choice: StrategyChoice): string {
  return `${choice.text} (from ${choice.source})`;
}

/** Every resolved option as plain data, for the run-start event. */
export function describeOptions(options: RunOptions): Record<string, unknown> {
  const { loaded, seedsFirst: _seedsFirst, strategy, configStrategy, ...rest } = options;
  return {
    configFile: loaded.file ?? '(none: defaults)',
    root: loaded.root,
    workloads: loaded.config.workloads ?? ['workloads/**/*.ts'],
    strategy: strategy && strategyChoiceText(strategy),
    configStrategy: configStrategy && strategyChoiceText(configStrategy),
    ...rest,
  };
}
