import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../run/run.test-support.js';
import { countsOf, requireBuild } from './cli.test-support.js';

const exec = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'moonpool-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

const WORKLOAD = `import { Inject, TimeProvider, Topology, Workload, sometimesAssert } from 'moonpool';

@Workload('sleeper')
export class Sleeper {
  constructor(@Inject(TimeProvider) private readonly time: TimeProvider) {}

  async run(): Promise<void> {
    await this.time.sleep(10);
    sometimesAssert(this.time.now() >= 10, 'slept');
  }
}

@Topology({ name: 'installed', roles: { node: Sleeper }, layouts: [{ node: 2 }] })
export class Installed {}
`;

function npm(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', npm_config_update_notifier: 'false' };
  delete env.NODE_OPTIONS;
  return exec('npm', args, { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: 150_000 });
}

test('the packed tarball installs into a fresh project and `npx moonpool-test` runs its workloads', { timeout: 180_000 }, async () => {
  requireBuild();
  // dist/ is already built (npm test builds first): skip `prepare` so packing stays fast.
  await npm(['pack', '--ignore-scripts', '--pack-destination', work], REPO_ROOT);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  const project = join(work, 'project');
  mkdirSync(join(project, 'workloads'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'moonpool-pack-check', private: true, type: 'module' }));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', experimentalDecorators: true, strict: true } }));
  writeFileSync(join(project, '.moonpoolrc.json'), JSON.stringify({ $schema: './node_modules/moonpool/moonpool-config.schema.json', workloads: ['workloads/**/*.ts'], seeds: 3, workers: 1 }));
  writeFileSync(join(project, 'workloads', 'installed.ts'), WORKLOAD);
  // The dependencies come from npm's cache when it has them, else from the registry.
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], project);
  const list = await npm(['exec', '--no', '--', 'moonpool-test', '--list'], project);
  assert.match(list.stdout, /^installed\[2\]\tworkloads\/installed\.ts\t3 seeds/m);
  const run = await npm(['exec', '--no', '--', 'moonpool-test'], project);
  assert.deepEqual(countsOf(run.stdout), { passed: 3, failed: 0 });
  assert.match(run.stdout, /installed\[2\] 3 seeds/);
  // The README's links to docs/ work in the installed package, and both schemas ship.
  const installed = join(project, 'node_modules', 'moonpool');
  const links = [...readFileSync(join(installed, 'README.md'), 'utf8').matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]);
  assert.ok(links.includes('docs/json-report.md') && links.includes('docs/scale-out.md'), `README links: ${links.join(', ')}`);
  for (const link of [...links, 'json-report.schema.json', 'moonpool-config.schema.json']) assert.ok(existsSync(join(installed, link)), `${link} is in the package`);
  await npm(['exec', '--no', '--', 'moonpool-test', '--seeds', '2', '--shard', '1/2', '--reporter', 'json', '--output-file', 'shard-1.json'], project);
  await npm(['exec', '--no', '--', 'moonpool-test', '--seeds', '2', '--shard', '2/2', '--reporter', 'json', '--output-file', 'shard-2.json'], project);
  const merged = await npm(['exec', '--no', '--', 'moonpool-test', 'merge-reports', 'shard-1.json', 'shard-2.json'], project);
  assert.deepEqual(countsOf(merged.stdout), { passed: 2, failed: 0 }, 'merge-reports validates against the installed schema');
});
