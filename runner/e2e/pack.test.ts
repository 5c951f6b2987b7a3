import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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

// A seed that fails inside the library: nobody listens at the address, so the request times out
// in the transport and the stack runs through moonpool's own code.
const FAILING_WORKLOAD = `import { ClientTransport, Inject, NetworkProvider, Topology, Workload } from 'moonpool';

@Workload('caller')
export class Caller {
  constructor(@Inject(NetworkProvider) private readonly network: NetworkProvider) {}

  async run(): Promise<void> {
    const client = await ClientTransport.connect<string, string>(this.network, '10.0.0.9:4500');
    await client.request('anyone there?', { timeoutMs: 100 });
  }
}

@Topology({ name: 'failing', roles: { node: Caller }, layouts: [{ node: 1 }], network: 'perfect' })
export class Failing {}
`;

/** Relative links (`[text](path)`, anchors cut) of a markdown file. */
function markdownLinks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/i.test(link));
}

/** The files a stack names, from its frames (`at f (/path/file.ts:1:2)`, `at /path/file.js:1:2`). */
function stackFiles(stack: string): string[] {
  return stack
    .split('\n')
    .map((line) => /^\s+at (?:.*\()?((?:file:\/\/)?\/[^()]+?):\d+:\d+\)?$/.exec(line)?.[1])
    .filter((file): file is string => file !== undefined)
    .map((file) => (file.startsWith('file:') ? fileURLToPath(file) : file));
}

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
  // The README's links and those of every page under docs/ work in the installed package, and both schemas ship.
  const installed = join(project, 'node_modules', 'moonpool');
  const readmeLinks = markdownLinks(join(installed, 'README.md'));
  for (const page of ['docs/guide.md', 'docs/performance.md', 'docs/json-report.md', 'docs/scale-out.md']) assert.ok(readmeLinks.includes(page), `the README links ${page}: ${readmeLinks.join(', ')}`);
  const pages = ['README.md', ...readdirSync(join(installed, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
  for (const page of pages) {
    for (const link of markdownLinks(join(installed, page))) assert.ok(existsSync(join(installed, dirname(page), link)), `${page} links ${link}, which is in the package`);
  }
  for (const schema of ['json-report.schema.json', 'moonpool-config.schema.json']) assert.ok(existsSync(join(installed, schema)), `${schema} is in the package`);
  // Source maps name files the package holds (the sources ship; bundled dependencies map to no source).
  const maps = readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js.map'));
  assert.ok(maps.length > 0, 'the package ships source maps');
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(join(installed, 'dist', map), 'utf8')) as { sources: string[] };
    for (const source of sources) assert.ok(existsSync(join(installed, 'dist', dirname(map), source)), `dist/${map} names ${source}, which is in the package`);
  }
  // A failing seed's stack through the library names files that exist (tsx's source maps are on in the workers).
  mkdirSync(join(project, 'failing'));
  writeFileSync(join(project, 'failing', 'failing.ts'), FAILING_WORKLOAD);
  writeFileSync(join(project, 'failing.moonpoolrc.json'), JSON.stringify({ workloads: ['failing/*.ts'], workers: 1 }));
  const failed = await npm(['exec', '--no', '--', 'moonpool-test', '--config', 'failing.moonpoolrc.json', '--seed', '1', '--reporter', 'json', '--output-file', 'failing.json'], project).then(
    () => assert.fail('the failing topology passed'),
    (error: { code?: number }) => error,
  );
  assert.equal(failed.code, 1, 'the failing seed fails the run');
  const report = JSON.parse(readFileSync(join(project, 'failing.json'), 'utf8')) as { cases: { failures: { stack?: string }[] }[] };
  const stack = report.cases[0]?.failures[0]?.stack ?? '';
  const libraryFiles = stackFiles(stack).filter((file) => !relative(installed, file).startsWith('..'));
  assert.ok(libraryFiles.length > 0, `the stack runs through the installed library:\n${stack}`);
  for (const file of libraryFiles) assert.ok(existsSync(file), `the stack names ${relative(installed, file)}, which is in the package:\n${stack}`);
  await npm(['exec', '--no', '--', 'moonpool-test', '--seeds', '2', '--shard', '1/2', '--reporter', 'json', '--output-file', 'shard-1.json'], project);
  await npm(['exec', '--no', '--', 'moonpool-test', '--seeds', '2', '--shard', '2/2', '--reporter', 'json', '--output-file', 'shard-2.json'], project);
  const merged = await npm(['exec', '--no', '--', 'moonpool-test', 'merge-reports', 'shard-1.json', 'shard-2.json'], project);
  assert.deepEqual(countsOf(merged.stdout), { passed: 2, failed: 0 }, 'merge-reports validates against the installed schema');
});
