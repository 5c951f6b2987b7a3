import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../config/config.js';
import { discover } from './discovery.js';
import { REPO_ROOT, fixtureDir } from '../run/run.test-support.js';

test('discovery loads every matched file but tests, names the ones that fail and records the import graph', async () => {
  const dir = fixtureDir('discovery');
  const { topologies, errors, files, importGraph } = await discover(loadConfig(dir));
  assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), [
    'workloads/alpha.ts',
    'workloads/broken/bad-layout.ts',
    'workloads/broken/throws-on-import.ts',
    'workloads/nested/beta.ts',
    'workloads/nested/shared.ts',
  ]);
  assert.deepEqual(topologies.map((t) => [t.name, t.file]), [['alpha', 'workloads/alpha.ts'], ['beta', 'workloads/nested/beta.ts']]);
  assert.equal(errors.length, 2);
  assert.match(errors[0], /^workloads\/broken\/bad-layout\.ts: failed to load: @Topology on BadLayoutTopology .*names role "ghost"/);
  assert.match(errors[1], /^workloads\/broken\/throws-on-import\.ts: failed to load: Error: configuration file workloads\.yaml not found .*the other files still ran/);
  const shared = join(dir, 'workloads/nested/shared.ts');
  assert.ok(importGraph.get(join(dir, 'workloads/alpha.ts'))?.has(shared), 'alpha.ts imports nested/shared.ts');
  assert.ok(importGraph.get(join(dir, 'workloads/nested/beta.ts'))?.has(shared), 'beta.ts imports shared.ts');
  assert.ok(importGraph.get(join(dir, 'workloads/alpha.ts'))?.has(join(REPO_ROOT, 'src/index.ts')), 'the library is in the graph');
  // The topologies run with the library instance they registered in.
  assert.equal(typeof topologies[0].library.runSeed, 'function');
  assert.equal(topologies[0].library, topologies[1].library);
});

const scratch = mkdtempSync(join(tmpdir(), 'moonpool-discovery-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function writeTopology(name: string, layout: number): void {
  writeFileSync(
    join(scratch, 'workloads', 'only.ts'),
    `import { Topology, Workload } from ${JSON.stringify(join(REPO_ROOT, 'src/index.js'))};
@Workload() export class W { async run(): Promise<void> {} }
@Topology({ name: ${JSON.stringify(name)}, roles: { w: W }, layouts: [{ w: ${layout} }] }) export class T {}
`,
  );
}

test('each discovery loads the files as they are now (a fresh namespace: watch mode sees edits)', async () => {
  mkdirSync(join(scratch, 'workloads'), { recursive: true });
  writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(scratch, '.moonpoolrc.json'), JSON.stringify({ tsconfig: join(REPO_ROOT, 'tsconfig.json') }));
  writeTopology('before', 1);
  const first = await discover(loadConfig(scratch));
  writeTopology('after', 2);
  const second = await discover(loadConfig(scratch));
  assert.deepEqual([first.errors, second.errors], [[], []]);
  assert.deepEqual(first.topologies.map((t) => t.name), ['before']);
  assert.deepEqual(second.topologies.map((t) => [t.name, t.definition.layouts[0].name]), [['after', '2']]);
});

test('no matching file and no topology are explained', async () => {
  const empty = join(scratch, 'empty');
  mkdirSync(join(empty, 'workloads'), { recursive: true });
  writeFileSync(join(empty, '.moonpoolrc.json'), JSON.stringify({ workloads: ['src/**/*.ts'] }));
  const none = await discover(loadConfig(empty));
  assert.match(none.errors[0], /No workload file matched \["src\/\*\*\/\*\.ts"\] under .*set "workloads" in \.moonpoolrc\.json/);
  writeFileSync(join(empty, 'workloads', 'plain.ts'), 'export const x = 1;\n');
  writeFileSync(join(empty, '.moonpoolrc.json'), JSON.stringify({ tsconfig: join(REPO_ROOT, 'tsconfig.json') }));
  const noTopology = await discover(loadConfig(empty));
  assert.match(noTopology.errors[0], /No @Topology found in 1 workload file\(s\)/);
});

test('a tsconfig that is a folder or not JSON, and a package without "type": "module", are named as the cause', async () => {
  const project = join(scratch, 'setup');
  mkdirSync(join(project, 'workloads'), { recursive: true });
  writeFileSync(join(project, 'workloads', 'plain.ts'), 'export const x = 1;\n');
  writeFileSync(join(project, '.moonpoolrc.json'), JSON.stringify({}));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'setup' }));
  writeFileSync(join(project, 'tsconfig.json'), '// comments and trailing commas are fine\n{ "compilerOptions": { "experimentalDecorators": true, }, }');
  assert.match((await discover(loadConfig(project))).errors[0], /package\.json has no "type": "module": the workload files would load as CommonJS.*npm pkg set type=module/);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'setup', type: 'module' }));
  writeFileSync(join(project, 'tsconfig.json'), '{ "compilerOptions": ');
  assert.match((await discover(loadConfig(project))).errors[0], /tsconfig .*tsconfig\.json is not valid JSON/);
  rmSync(join(project, 'tsconfig.json'));
  mkdirSync(join(project, 'tsconfig.json'));
  assert.match((await discover(loadConfig(project))).errors[0], /tsconfig .*tsconfig\.json is a directory, not a file/);
});
