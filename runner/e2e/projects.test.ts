import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, runCli } from './cli.test-support.js';

test('discovery: files that fail to load are errors naming them, the other topologies still run, exit 2 for a misused decorator', async () => {
  const run = await runCli(['--seeds', '1', '--workers', '1'], { cwd: fixtureDir('discovery') });
  assert.equal(run.code, 2, 'bad-layout.ts is a DefinitionError: a configuration error');
  assert.match(run.stderr, /workloads\/broken\/throws-on-import\.ts: failed to load: Error: configuration file workloads\.yaml not found/);
  assert.match(run.stderr, /workloads\/broken\/bad-layout\.ts: failed to load: .*names role "ghost"/);
  assert.deepEqual(countsOf(run.stdout), { passed: 3, failed: 0 });
  for (const id of ['alpha[1]', 'alpha[2]', 'beta[1]']) assert.ok(run.stdout.includes(`✓ ${id}`), id);
});

test('a topology whose attrition could take every process down is a DefinitionError naming the key and the form, exit 2', async () => {
  const run = await runCli(['--workers', '1'], { cwd: fixtureDir('bad-attrition') });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /workloads\/crashy\.ts: failed to load: @Topology on Crashy \(workloads\/crashy\.ts\): attrition: deadMax 2 must be less than the process count of every layout \(the smallest has 2\)/);
  assert.match(run.stderr, /Write it as attrition: \{ deadMax: 1, kinds: /);
  const listed = await runCli(['--list'], { cwd: fixtureDir('bad-attrition') });
  assert.equal(listed.code, 2, listed.stdout + listed.stderr);
});

test('Math.random is virtualized by default and a nondeterminism failure with --guard reject', async () => {
  const cwd = fixtureDir('math-random');
  const virtual = await runCli(['--seeds', '1', '--workers', '1'], { cwd });
  assert.equal(virtual.code, 0, virtual.stdout + virtual.stderr);
  assert.deepEqual(countsOf(virtual.stdout), { passed: 1, failed: 0 });
  const rejected = await runCli(['--seeds', '1', '--workers', '1', '--guard', 'reject'], { cwd });
  assert.equal(rejected.code, 1);
  assert.match(rejected.stdout, /dice\[1\] seed \d+ failed \(nondeterminism\)/);
  assert.match(rejected.stdout, /Math\.random\(\) called at .*workloads\/dice\.ts.*\n {4}fix: Inject RandomProvider/);
  assert.match(rejected.stdout, /replay: npx moonpool-test dice --layout 1 --seed \d+ --guard reject/);
});
