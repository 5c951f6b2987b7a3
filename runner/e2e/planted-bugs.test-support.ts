// Helpers of the planted-bug end-to-end test: run the built CLI in a fixture folder and read
// the plain reporter's failure blocks back.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BIN = join(REPO_ROOT, 'bin', 'moonpool-test.mjs');
/** Hang protection only: a CLI run still going after this is killed (the test then fails). */
const CLI_KILL_AFTER_MS = 120_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/moonpool-test.mjs ...args` in `cwd`, as CI runs it (CI=1: plain reporter). */
export function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  delete env.NODE_TEST_CONTEXT; // node --test sets it for its own children, not for the CLI
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), CLI_KILL_AFTER_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

/** One failing seed as the plain reporter prints it. */
export interface ReportedFailure {
  headline: string;
  caseId: string;
  seed: number;
  /** A child timeline's recipe (`--strategy explore`), when the failure was one. */
  recipe?: string;
  kind: string;
  /** What the headline says failed: `invariant "name" (file)`, an assertion's site, a task. */
  where: string;
  /** The user's message: the block's lines before the fix. */
  message: string;
  /** The `fix: ` line, without its label. */
  fix: string;
  /** The `drew ...` line: what the seed drew beyond its presets. */
  drew: string;
  /** The `options: ` line --verbose adds (every option the seed ran with), '' without it. */
  options: string;
  /** The `reboots: ` line, '' when none. */
  reboots: string;
  replay: string;
  simTimeMs: number;
  eventIndex: number;
}

const HEADLINE = /^✗ (\S+) (?:seed (\d+)|timeline ((\d+)(?:@\d+\/\d+)+)) failed \(([a-z]+)\)(?:, in (.+?))?(?:, at ([\d.]+) ms simulated)?(?:, event #(\d+))?$/;
/** The labelled lines that follow the message in a failure block. */
const LABELLED = /^(fix: |drew |faults injected: |reboots: |fails with |last \d+ timeline |output \(last lines\):|options: |message: |stack:|replay: )/;

/** Every failure block of a plain-reporter output, in order. */
export function parseFailures(stdout: string): ReportedFailure[] {
  const lines = stdout.split('\n');
  const failures: ReportedFailure[] = [];
  lines.forEach((line, index) => {
    const head = HEADLINE.exec(line);
    if (head === null) return;
    const details: string[] = [];
    for (let i = index + 1; i < lines.length && lines[i].startsWith('    '); i++) details.push(lines[i].slice(4));
    const labelled = (label: string) => details.find((d) => d.startsWith(label))?.slice(label.length) ?? '';
    const firstLabelled = details.findIndex((d) => LABELLED.test(d));
    failures.push({
      headline: line,
      caseId: head[1],
      seed: Number(head[2] ?? head[4]),
      ...(head[3] === undefined ? {} : { recipe: head[3] }),
      kind: head[5],
      where: head[6] ?? '',
      message: details.slice(0, firstLabelled < 0 ? details.length : firstLabelled).join('\n'),
      fix: labelled('fix: '),
      drew: details.find((d) => d.startsWith('drew ')) ?? '',
      options: labelled('options: '),
      reboots: labelled('reboots: '),
      replay: labelled('replay: '),
      simTimeMs: head[7] === undefined ? NaN : Number(head[7]),
      eventIndex: head[8] === undefined ? NaN : Number(head[8]),
    });
  });
  return failures;
}

/** The closing `N passed, N failed[, N skipped]` line. */
export function countsOf(stdout: string): { passed: number; failed: number } | undefined {
  const match = /^(\d+) passed, (\d+) failed/m.exec(stdout);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

/** The arguments of a printed replay command (`npx moonpool-test ...`), POSIX shell quoting undone. */
export function replayArguments(command: string): string[] {
  const prefix = 'npx moonpool-test ';
  if (!command.startsWith(prefix)) throw new Error(`replay command "${command}" does not start with "${prefix}"`);
  const rest = command.slice(prefix.length);
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = rest.indexOf("'", i + 1);
      if (end < 0) throw new Error(`replay command "${command}" has an unterminated quote`);
      word = (word ?? '') + rest.slice(i + 1, end);
      i = end;
    } else {
      word = (word ?? '') + (c === '\\' ? rest[++i] : c);
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The output of a run, for assertion messages. */
export function transcript(run: CliRun): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}
