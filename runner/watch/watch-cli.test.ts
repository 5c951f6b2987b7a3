// Starts the real CLI with --watch on a copy of fixtures/watch-project, edits a file only the
// alpha topology imports, and checks that alpha (and only alpha) reruns; `q` quits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { CI_VARIABLES, cliBin, repoRoot, requireBuiltCli } from '../reporters/cli-process.test-support.js';

const project = realpathSync(mkdtempSync(join(tmpdir(), 'moonpool-watch-cli-')));
after(() => rmSync(project, { recursive: true, force: true }));

test('--watch reruns only the topology a changed file affects, and q quits', { timeout: 60_000 }, async (t) => {
  requireBuiltCli();
  cpSync(resolve(repoRoot, 'fixtures', 'watch-project'), project, { recursive: true });
  // The copy imports 'moonpool' like a user project: through node_modules, as an ES module package.
  writeFileSync(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(repoRoot, join(project, 'node_modules', 'moonpool'), 'dir');

  const env = { ...process.env };
  for (const key of CI_VARIABLES) delete env[key];
  const child = spawn(process.execPath, [cliBin, '--watch', '--seeds', '2', '--workers', '1'], { cwd: project, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  // On the test's timeout, show what the CLI printed and stop it so the waits below end.
  let settled = false;
  t.signal.addEventListener('abort', () => {
    if (!settled) process.stderr.write(`watch-cli.test: the CLI's output so far:\n${out}\n${err}\n`);
    child.kill();
  }, { once: true });
  const waitFor = async (pattern: RegExp, from = 0, wrong?: RegExp) => {
    while (!pattern.test(out.slice(from))) {
      if (wrong?.test(out.slice(from))) assert.fail(`the CLI printed ${wrong} while ${pattern} was expected:\n${out}\n${err}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        assert.fail(`the CLI ended (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${out}\n${err}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await waitFor(/6 passed, 0 failed\n(?:.*\n)*watching /);
    assert.match(out, /✓ alpha\[1\][^\n]*\n✓ beta\[2\][^\n]*\n✓ spin\[1\]/);

    const rerunFrom = out.length;
    writeFileSync(join(project, 'lib', 'shared.ts'), 'export const NAP_MS = 20;\n');
    await waitFor(/changed: lib\/shared\.ts: rerunning alpha\[1\]\n(?:.*\n)*2 passed, 0 failed\n(?:.*\n)*watching /, rerunFrom, /no layout depends on it/);
    const rerun = out.slice(rerunFrom);
    assert.match(rerun, /moonpool-test: 1 layout, 2 seeds planned, 1 worker\n/);
    assert.match(rerun, /✓ alpha\[1\] 2 seeds, [^\n]*40 ms simulated/, 'the rerun loaded the edited NAP_MS');
    assert.doesNotMatch(rerun, /beta\[2\]|spin\[1\]/);

    child.stdin.write('q\n');
    assert.equal(await exited, 0, `exit code after q:\n${out}\n${err}`);
  } finally {
    settled = true;
    child.kill();
  }
});
