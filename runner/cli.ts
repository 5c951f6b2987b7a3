// moonpool-test: parses the command line, resolves the options, runs (or lists, or watches)
// and maps the outcome to an exit code: 0 passed, 1 failed or nothing ran, 2 usage/config error.
// Only the argument parser loads up front: --help and usage errors answer without loading the
// library, the reporters or ink.
import { parseArgs } from './cli-args.js';
import type { Reporter, RunnerEvent } from './events.js';
import type { RunOptions } from './run-options.js';
import { UsageError } from './usage-error.js';

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

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
  const { listCases } = await import('./case-list.js');
  const { cases, errors } = await listCases(options);
  for (const c of cases) io.stdout.write(`${c.info.caseId}\t${c.info.file}\t${c.info.seedsPlanned} seed(s)\t${c.strategyText}\n`);
  for (const message of errors) io.stderr.write(`error: ${message}\n`);
  io.stdout.write(`${cases.length} case(s)\n`);
  return errors.length > 0 ? EXIT_FAILED : EXIT_PASSED;
}

async function runCommand(options: RunOptions, io: CliIo, reporters: Reporter[]): Promise<number> {
  const emit = (event: RunnerEvent) => {
    for (const reporter of reporters) reporter.onEvent(event);
  };
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    // The first Ctrl-C stops the run and still writes the reports; a second one leaves at once.
    if (++interrupts > 1) process.exit(EXIT_INTERRUPTED);
    io.stderr.write('\nInterrupted: stopping the run and writing the reports (Ctrl-C again to quit at once).\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    if (options.watch) {
      const { watchTests } = await import('./watch-mode.js');
      const last = await watchTests(options, emit, { stdin: io.stdin, stdout: io.stdout, ci: isCi(io.env), signal: controller.signal });
      if (controller.signal.aborted) return EXIT_INTERRUPTED;
      return last?.ok === true ? EXIT_PASSED : EXIT_FAILED;
    }
    const { runTests } = await import('./core.js');
    const summary = await runTests(options, emit, controller.signal);
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    return summary.ok ? EXIT_PASSED : EXIT_FAILED;
  } finally {
    process.off('SIGINT', onSigint);
    await Promise.all(reporters.map((r) => r.close()));
  }
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let options: RunOptions;
  let reporters: Reporter[];
  const terminal = { cwd: io.cwd, isTTY: io.stdout.isTTY === true, ci: isCi(io.env) };
  try {
    const raw = parseArgs(argv);
    if (raw.help) return EXIT_PASSED;
    const { resolveRunOptions } = await import('./run-options.js');
    options = resolveRunOptions(raw, terminal);
    if (options.list) return await listCommand(options, io);
    const { createReporters } = await import('./reporters/index.js');
    reporters = createReporters(options.reporters, { stdout: io.stdout, stderr: io.stderr, isTTY: terminal.isTTY, ci: terminal.ci });
  } catch (error) {
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
  }
  return runCommand(options, io, reporters);
}
