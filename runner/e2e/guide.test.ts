// docs/guide.md teaches with one complete project, fixtures/guide: each ```ts block of the guide
// starts with `// <path>` and holds that file of the project whole. This proves the guide quotes
// the files exactly, that they type-check as a user's project would, and that the project passes.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';
import { countsOf, requireBuild, runCli } from './cli.test-support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROJECT = join(REPO, 'fixtures', 'guide');
const GUIDE = join(REPO, 'docs', 'guide.md');

/** The guide's ```ts blocks: the path their first line names, and the code after it. */
function guideBlocks(): { path: string; code: string }[] {
  return [...readFileSync(GUIDE, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, index) => {
    const [first, ...rest] = match[1].split('\n');
    const path = /^\/\/ (\S+\.ts)$/.exec(first)?.[1];
    assert.ok(path !== undefined, `the guide's ts block ${index + 1} starts with "// <file of fixtures/guide>", not ${JSON.stringify(first)}`);
    return { path, code: rest.join('\n') };
  });
}

const projectFiles = () =>
  readdirSync(join(PROJECT, 'workloads'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `workloads/${name}`)
    .sort();

test('every ts block of the guide is a whole file of fixtures/guide, and every file of it is shown once', () => {
  const blocks = guideBlocks();
  for (const { path, code } of blocks) assert.equal(code, readFileSync(join(PROJECT, path), 'utf8'), `docs/guide.md quotes ${path} as it is`);
  assert.deepEqual(blocks.map((b) => b.path).sort(), projectFiles());
});

test('the guide\'s project type-checks against the built package', () => {
  requireBuild();
  const config = ts.getParsedCommandLineOfConfigFile(join(REPO, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config !== undefined, 'the repository tsconfig.json parses');
  const program = ts.createProgram(projectFiles().map((file) => join(PROJECT, file)), { ...config.options, noEmit: true });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' }));
  assert.deepEqual(problems, []);
});

test('the guide\'s project passes every seed of both layouts', { timeout: 120_000 }, async () => {
  const run = await runCli(['--workers', '1'], { cwd: PROJECT });
  assert.deepEqual(countsOf(run.stdout), { passed: 40, failed: 0 }, run.stdout + run.stderr);
  assert.equal(run.code, 0);
});
