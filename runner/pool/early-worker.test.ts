import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../config/config.js';
import { startEarlyWorker } from './early-worker.js';
import { REPO_ROOT, fixtureDir, fixtureOptions } from '../run/run.test-support.js';
import { WorkerPool } from './worker-pool.js';

test('only a plain run gets an early worker: not with --config, --list, --watch, --help, nor a config that does not load', () => {
  for (const argv of [['--config', 'x.json'], ['--config=x.json'], ['--list'], ['ping', '--watch'], ['--help'], ['-h']]) {
    assert.equal(startEarlyWorker(argv, fixtureDir('basic-pass')), undefined, argv.join(' '));
  }
  assert.equal(startEarlyWorker([], fixtureDir('bad-config/malformed')), undefined);
});

test('the pool adopts an early worker for the same project and hears what it said before (its catalog)', async () => {
  // A scratch project the early worker loads, then broken: only the early worker's own 'ready',
  // heard before the pool existed and replayed on adoption, can give the pool this catalog. A
  // worker the pool started itself would report the import error.
  const project = mkdtempSync(join(tmpdir(), 'moonpool-early-worker-'));
  after(() => rmSync(project, { recursive: true, force: true }));
  mkdirSync(join(project, 'workloads'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(project, '.moonpoolrc.json'), JSON.stringify({ tsconfig: join(REPO_ROOT, 'tsconfig.json') }));
  const workload = join(project, 'workloads', 'only.ts');
  writeFileSync(
    workload,
    `import { Topology, Workload } from ${JSON.stringify(join(REPO_ROOT, 'src/index.js'))};
@Workload() export class W { async run(): Promise<void> {} }
@Topology({ name: 'early', roles: { w: W }, layouts: [{ w: 1 }] }) export class T {}
`,
  );
  const early = startEarlyWorker(['--seeds', '2'], project);
  assert.ok(early !== undefined);
  const init = { loaded: loadConfig(project) };
  assert.deepEqual(early.init, init);
  await early.heardFrom; // its 'ready': the project prints nothing while it loads
  writeFileSync(workload, "throw new Error('a worker started now fails to load the project');\n");
  const pool = new WorkerPool({ size: 1, init, seedTimeoutMs: 60_000, bootTimeoutMs: 500 });
  try {
    pool.adopt(early);
    const catalog = await pool.catalog();
    assert.deepEqual(catalog.errors, []);
    assert.deepEqual(catalog.topologies.map((t) => t.cases.map((c) => c.caseId)), [['early[1]']]);
  } finally {
    await pool.close();
  }
});

test('an early worker for another project is ended, and the pool loads its own', async () => {
  const early = startEarlyWorker([], fixtureDir('basic-pass'));
  assert.ok(early !== undefined);
  const options = fixtureOptions('flaky-boot', ['--workers', '1']);
  const pool = new WorkerPool({ size: 1, init: { loaded: options.loaded }, seedTimeoutMs: 60_000 });
  try {
    pool.adopt(early);
    const catalog = await pool.catalog();
    assert.deepEqual(catalog.topologies.map((t) => t.name), ['napper']);
  } finally {
    await pool.close();
  }
});
