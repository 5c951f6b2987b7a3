// Starts the real CLI with --watch on a copy of fixtures/watch-project, edits a file only the
// alpha topology imports, and checks that alpha (and only alpha) reruns; `q` quits, and so does
// the first Ctrl-C.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { CI_VARIABLES, cliBin, repoRoot, requireBuiltCli } from '../reporters/cli-process.test-support.js';

const project = realpathSync(mkdtempSync(join(tmpdir(), 'moonpool-watch-cli-')));
after(() => rmSync(project, { recursive: true, force: true }));

/** The copy of the fixture, made once: it imports 'moonpool' like a user project, through
 * node_modules, as an ES module package. */
let prepared = false;
function prepareProject(): void {
  if (prepared) return;
  cpSync(resolve(repoRoot, 'fixtures', 'watch-project'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(repoRoot, join(project, 'node_modules', 'moonpool'), 'dir');
  prepared = true;
}

/** Starts `moonpool-test --watch` on the copy, stdin a pipe (not a terminal). */
function startWatch(t: TestContext) {
  requireBuiltCli();
  prepareProject();
  const env = { ...process.env };
  for (const key of CI_VARIABLES) delete env[key];
  const child = spawn(process.execPath, [cliBin, '--watch', '--seeds', '2', '--workers', '1'], { cwd: project, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const io = { out: '', err: '' };
  child.stdout.on('data', (chunk) => (io.out += String(chunk)));
  child.stderr.on('data', (chunk) => (io.err += String(chunk)));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  // On the test's timeout, show what the CLI printed and stop it so the waits below end.
  let settled = false;
  t.signal.addEventListener('abort', () => {
    if (!settled) process.stderr.write(`watch-cli.test: the CLI's output so far:\n${io.out}\n${io.err}\n`);
    child.kill();
  }, { once: true });
  const waitFor = async (pattern: RegExp, from = 0, wrong?: RegExp) => {
    while (!pattern.test(io.out.slice(from))) {
      if (wrong?.test(io.out.slice(from))) assert.fail(`the CLI printed ${wrong} while ${pattern} was expected:\n${io.out}\n${io.err}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        assert.fail(`the CLI ended (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${io.out}\n${io.err}`);
      }
      await Promise.race([once(child.stdout, 'data'), exited]);
    }
  };
  const stop = () => {
    settled = true;
    child.kill();
  };
  return { child, io, exited, waitFor, stop };
}

test('--watch reruns only the topology a changed file affects, and q quits', { timeout: 60_000 }, async (t) => {
  const { child, io, exited, waitFor, stop } = startWatch(t);
  try {
    await waitFor(/6 passed, 0 failed\n(?:.*\n)*watching /);
    assert.match(io.out, /✓ alpha\[1\][^\n]*\n✓ beta\[2\][^\n]*\n✓ spin\[1\]/);

    const rerunFrom = io.out.length;
    writeFileSync(join(project, 'lib', 'shared.ts'), 'export const NAP_MS = 20;\n');
    await waitFor(/changed: lib\/shared\.ts: rerunning alpha\[1\]\n(?:.*\n)*2 passed, 0 failed\n(?:.*\n)*watching /, rerunFrom, /no layout depends on it/);
    const rerun = io.out.slice(rerunFrom);
    assert.match(rerun, /moonpool-test: 1 layout, 2 seeds planned, 1 worker\n/);
    assert.match(rerun, /✓ alpha\[1\] 2 seeds, [^\n]*40 ms simulated/, 'the rerun loaded the edited NAP_MS');
    assert.doesNotMatch(rerun, /beta\[2\]|spin\[1\]/);

    child.stdin.write('q\n');
    assert.equal(await exited, 0, `exit code after q:\n${io.out}\n${io.err}`);
  } finally {
    stop();
  }
});

test('the first Ctrl-C (SIGINT) ends --watch with exit code 130 when stdin is a pipe', { timeout: 60_000 }, async (t) => {
  const { child, io, exited, waitFor, stop } = startWatch(t);
  try {
    await waitFor(/6 passed, 0 failed\n(?:.*\n)*watching /);
    child.kill('SIGINT');
    // Still watching after the signal would leave this wait to the test's timeout.
    assert.equal(await exited, 130, `exit code after one SIGINT:\n${io.out}\n${io.err}`);
  } finally {
    stop();
  }
});
