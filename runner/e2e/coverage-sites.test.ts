import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EXIT_FAILED, EXIT_PASSED } from '../cli/cli.js';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, runCli } from './cli.test-support.js';

const cwd = fixtureDir('unreached-site');
const work = mkdtempSync(join(tmpdir(), 'moonpool-coverage-sites-'));
after(() => rmSync(work, { recursive: true, force: true }));

const UNREACHED = '  never satisfied: "time ran backwards" (sometimes, never reached) at lib/clock.ts:7';

test('a sometimes-assertion no seed reaches is listed as unsatisfied with its file:line; the run passes without --fail-on-unsatisfied', async () => {
  const file = join(work, 'junit.xml');
  const run = await runCli(['--workers', '1', '--reporter', 'junit', '--output-file', file], { cwd });
  assert.equal(run.code, EXIT_PASSED, run.stdout + run.stderr);
  assert.deepEqual(countsOf(run.stdout), { passed: 5, failed: 0 });
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('coverage: 1 of 2 assertion sites satisfied'), run.stdout);
  assert.ok(lines.includes(UNREACHED), run.stdout);
  assert.match(readFileSync(file, 'utf8'), /<property name="coverage.sometimes: time ran backwards" value="true in 0 of 0 seeds reaching it \(0 of 0 times\), at lib\/clock.ts:7"\/>/);
});

test('--fail-on-unsatisfied fails the run on a site no seed reached', async () => {
  const run = await runCli(['--workers', '1', '--fail-on-unsatisfied'], { cwd });
  assert.equal(run.code, EXIT_FAILED, run.stdout + run.stderr);
  assert.deepEqual(countsOf(run.stdout), { passed: 5, failed: 0 });
  assert.ok(run.stdout.split('\n').includes(UNREACHED), run.stdout);
});
