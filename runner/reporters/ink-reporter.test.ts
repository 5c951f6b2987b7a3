import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stripAnsi } from './sanitize.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const session = resolve(repoRoot, 'runner', 'reporters', 'ink-session.test-support.ts');

function runSession(ci: boolean): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  // is-in-ci looks at CI and at CI-specific variables: clear them for the non-CI run.
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS', 'GITLAB_CI']) delete env[key];
  if (ci) env.CI = 'true';
  const child = spawnSync(process.execPath, ['--import', 'tsx', session], { cwd: repoRoot, env, encoding: 'utf8', timeout: 15_000 });
  assert.equal(child.status, 0, `ink session failed (CI=${ci}):\n${child.stderr}`);
  return child.stdout;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

for (const ci of [true, false]) {
  test(`InkReporter (CI=${ci}): every failure is printed exactly once, the last one included, run after run`, () => {
    const out = stripAnsi(runSession(ci));
    assert.equal(count(out, 'replay: npx moonpool-test kv --layout 3x5 --seed 2'), 1, out);
    assert.equal(count(out, 'replay: npx moonpool-test ping-pong --layout 2x10 --seed 6'), 1, out);
    assert.equal(count(out, 'last failure'), 1, out);
    assert.equal(count(out, 'replay: npx moonpool-test kv --layout 3x5 --seed 1'), 1, 'the second run shows its own failure');
    const first = out.indexOf('10 passed, 2 failed');
    const second = out.indexOf('2 passed, 1 failed');
    assert.ok(first >= 0 && second > first, `each run ends with its summary:\n${out}`);
    assert.ok(out.indexOf('rerun failure') > first, 'the second run starts after the first summary');
  });
}
