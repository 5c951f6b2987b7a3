// Runs the built moonpool-test CLI (bin/moonpool-test.mjs → dist/) as a user would.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../run/run.test-support.js';

export const BIN = join(REPO_ROOT, 'bin', 'moonpool-test.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Fails fast with the fix when dist/ is missing (`npm test` builds it first). */
export function requireBuild(): void {
  if (!existsSync(join(REPO_ROOT, 'dist', 'runner', 'cli', 'cli.js'))) {
    throw new Error('dist/runner/cli/cli.js is missing: the end-to-end tests run the built CLI. Run `npm run build` (npm test does it first).');
  }
}

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each stdout chunk and the child, e.g. to send SIGINT once the run started. */
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
}

export function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  requireBuild();
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1', ...options.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface JUnitFailure {
  name: string;
  type: string;
  /** The `message` attribute: the user's own message. */
  message: string;
  /** The body's first line: case, seed, kind, where, simulated time and event. */
  headline: string;
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The failing test cases of a JUnit file: name (with the seed), failure type, message and headline. */
export function junitFailures(file: string): JUnitFailure[] {
  const xml = readFileSync(file, 'utf8');
  const failures: JUnitFailure[] = [];
  for (const match of xml.matchAll(/<testcase name="([^"]*)"[^>]*>\s*<failure message="([^"]*)" type="([^"]*)">([^\n<]*)/g)) {
    failures.push({ name: unescapeXml(match[1]), message: unescapeXml(match[2]), type: match[3], headline: unescapeXml(match[4]) });
  }
  return failures;
}

/** The `N passed, N failed` line every console reporter ends with. */
export function countsOf(stdout: string): { passed: number; failed: number } {
  const match = /(\d+) passed, (\d+) failed/.exec(stdout);
  if (match === null) throw new Error(`no "N passed, N failed" line in:\n${stdout}`);
  return { passed: Number(match[1]), failed: Number(match[2]) };
}
