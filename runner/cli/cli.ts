// moonpool-test: parses the command line, resolves the options, runs (or lists, or watches)
// and maps the outcome to an exit code: 0 passed, 1 failed or nothing ran, 2 usage/config error.
// Nothing heavy loads up front: a plain run's first worker starts before the argument parser
// loads, and --help and usage errors answer without loading the library, the reporters or ink.
import { startEarlyWorker, type EarlyWorker } from '../pool/early-worker.js';
import type { Reporter, RunnerEvent } from '../run/events.js';
import type { RunOptions } from './run-options.js';
import { UsageError } from './usage-error.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { TimelineOutput } from '../trace/timeline-output.js';

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;
/** 128 + SIGTERM's number: what a CI system's cancel sends. */
export const EXIT_TERMINATED = 143;

export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

async function listCommand(options: RunOptions, io: CliIo): Promise<number> {
  const { listCases } = await import('../run/case-selection.js');
  const { cases, errors, definitionErrors } = await listCases(options);
  const { strategyChoiceText } = await import('./run-options.js');
  for (const c of cases) io.stdout.write(`${c.info.caseId}\t${c.info.file}\t${c.info.seedsPlanned} seed${c.info.seedsPlanned === 1 ? '' : 's'}\t${strategyChoiceText(c.strategyChoice)}\n`);
  for (const message of errors) io.stderr.write(`error: ${message}\n`);
  io.stdout.write(`${cases.length} case(s)\n`);
  if (definitionErrors > 0) return EXIT_USAGE;
  return errors.length > 0 ? EXIT_FAILED : EXIT_PASSED;
}

async function runCommand(
  options: RunOptions,
  io: CliIo,
  reporters: Reporter[],
  emit: (event: RunnerEvent) => void,
  pool: WorkerPool | undefined,
  timelines: TimelineOutput | undefined,
): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  let interruptedCode = EXIT_INTERRUPTED;
  // The first SIGINT (Ctrl-C) or SIGTERM (a CI cancel) stops the run and still writes the
  // reports; a second one leaves at once.
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    interruptedCode = signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
    if (++interrupts > 1) process.exit(interruptedCode);
    io.stderr.write(`\nInterrupted (${signal}): stopping the run and writing the reports (${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once).\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (options.watch) {
      const { watchTests } = await import('../watch/watch-tests.js');
      const last = await watchTests(options, emit, { stdin: io.stdin, stdout: io.stdout, ci: isCi(io.env), signal: controller.signal });
      if (controller.signal.aborted) return interruptedCode;
      return last?.ok === true ? EXIT_PASSED : EXIT_FAILED;
    }
    const { runTests } = await import('../run/run-tests.js');
    const summary = await runTests(options, emit, controller.signal, pool);
    if (controller.signal.aborted) return interruptedCode;
    if (summary.definitionErrors !== undefined) return EXIT_USAGE;
    return summary.ok ? EXIT_PASSED : EXIT_FAILED;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all(reporters.map((r) => r.close()));
    // After the reporters: the ink UI is gone, so the timeline prints below the run's summary.
    await timelines?.finish(io.stdout);
  }
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'merge-reports') {
    const { mergeReportsCommand } = await import('../merge/merge-command.js');
    return mergeReportsCommand(argv.slice(1), { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, ci: isCi(io.env) });
  }
  let options: RunOptions;
  const reporters: Reporter[] = [];
  let timelines: TimelineOutput | undefined;
  const emit = (event: RunnerEvent) => {
    for (const reporter of reporters) reporter.onEvent(event);
    timelines?.onEvent(event);
  };
  let pool: WorkerPool | undefined;
  let early: EarlyWorker | undefined = startEarlyWorker(argv, io.cwd);
  const terminal = { cwd: io.cwd, isTTY: io.stdout.isTTY === true, ci: isCi(io.env) };
  try {
    const { packageVersion, parseArgs } = await import('./cli-args.js');
    const raw = parseArgs(argv);
    if (raw.help) return EXIT_PASSED;
    if (raw.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_PASSED;
    }
    const { resolveRunOptions } = await import('./run-options.js');
    options = resolveRunOptions(raw, terminal);
    if (options.list) return await listCommand(options, io);
    // The workers start loading the project now, while the reporters (ink) load here.
    if (!options.watch) {
      pool = (await import('../run/start-pool.js')).startPool(options, emit, early);
      early = undefined;
    }
    if (options.trace || options.timelineFile !== undefined) timelines = new (await import('../trace/timeline-output.js')).TimelineOutput(options);
    const { createReporters } = await import('../reporters/index.js');
    reporters.push(...createReporters(options.reporters, { stdout: io.stdout, stderr: io.stderr, isTTY: terminal.isTTY, ci: terminal.ci }, { verbose: options.verbose }));
  } catch (error) {
    await pool?.close();
    if (error instanceof UsageError) {
      io.stderr.write(`moonpool-test: ${error.message}\nRun moonpool-test --help for the options.\n`);
      return EXIT_USAGE;
    }
    // ConfigError (.moonpoolrc.json) and ReporterConfigError (reporters): configuration problems.
    if (error instanceof Error && (error.name === 'ConfigError' || error.name === 'ReporterConfigError')) {
      io.stderr.write(`moonpool-test: configuration error:\n${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    early?.discard();
  }
  return runCommand(options, io, reporters, emit, pool, timelines);
}
