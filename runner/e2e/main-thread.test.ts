// The runner's main thread never imports the project: a run, --list and --watch load the
// workload files only in worker threads, so a project that throws while loading, installs
// globals or never settles cannot take the runner down. fixtures/import-witness's workload file
// appends `pid threadId main|worker` to $IMPORT_WITNESS_LOG each time it is imported.
// runner/protocol/thread-boundary.test.ts checks the sources' imports for the same rule.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CI_VARIABLES } from '../reporters/cli-process.test-support.js';
import { fixtureDir } from '../run/run.test-support.js';
import { BIN, requireBuild, runCli } from './cli.test-support.js';

const cwd = fixtureDir('import-witness');
const out = mkdtempSync(join(tmpdir(), 'moonpool-main-thread-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** The threads that imported the project, one `pid threadId main|worker` line per import. */
function imports(log: string): { pid: number; thread: string; side: string }[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [pid, thread, side] = line.split(' ');
      return { pid: Number(pid), thread, side };
    });
}

/** Every import was in a worker thread of the CLI's process, and there was at least `least`. */
function assertWorkersOnly(log: string, pid: number | undefined, least: number, what: string): void {
  const seen = imports(log);
  assert.ok(seen.length >= least, `${what}: the project was imported ${seen.length} time(s), expected at least ${least}`);
  for (const entry of seen) {
    assert.equal(entry.pid, pid, `${what}: imported by the CLI's process`);
    assert.equal(entry.side, 'worker', `${what}: the main thread (thread ${entry.thread}) imported the project`);
  }
}

for (const [what, args] of [
  ['a run', ['--workers', '2']],
  ['--list', ['--list']],
] as const) {
  test(`${what} imports the project only in worker threads`, async () => {
    const log = join(out, `${what.replace(/\W+/g, '-')}.log`);
    let pid: number | undefined;
    const run = await runCli([...args], { cwd, env: { IMPORT_WITNESS_LOG: log }, onStdout: (_, child) => (pid = child.pid) });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assertWorkersOnly(log, pid, 1, what);
  });
}

test('--watch imports the project only in worker threads: its runs and the rediscovery of the import graph', { timeout: 60_000 }, async () => {
  requireBuild();
  const log = join(out, 'watch.log');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', IMPORT_WITNESS_LOG: log };
  for (const key of [...CI_VARIABLES, 'NODE_OPTIONS']) delete env[key];
  const child = spawn(process.execPath, [BIN, '--watch', '--workers', '1'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Once the first run is over and the session waits for changes, `q` quits.
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (/\nwatching /.test(output) && child.stdin.writable) child.stdin.end('q\n');
  });
  try {
    assert.equal(await exited, 0, output);
  } finally {
    child.kill();
  }
  // One import to rediscover the project (its import graph), one for the run's worker.
  assertWorkersOnly(log, child.pid, 2, '--watch');
});
