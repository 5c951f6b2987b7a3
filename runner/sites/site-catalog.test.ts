import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../run/run.test-support.js';
import { SiteCatalog } from './site-catalog.js';

const root = mkdtempSync(join(tmpdir(), 'moonpool-sites-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

// moonpool by a relative path into this repository (as the fixtures import it) and by name.
const LIBRARY = JSON.stringify(join(REPO_ROOT, 'src', 'index.js'));
write('package.json', JSON.stringify({ name: 'scratch', type: 'module' }));
write('tsconfig.json', '{ "compilerOptions": { "module": "NodeNext", /* comments are allowed */ "strict": true, }, }');
const kv = write('workloads/kv/topology.ts', `import { Topology } from ${LIBRARY};\nimport { Client } from './client.js';\nimport './extensionless';\n@Topology({ name: 'kv', roles: { client: Client }, layouts: [{ client: 1 }] })\nexport class Kv {}\n`);
write('workloads/kv/client.ts', `import { sometimesAssert } from 'moonpool';\nimport { reachable } from './graph.js';\nimport { Store } from '../../src/store.js';\nimport 'some-dependency';\nexport class Client {\n  async run() {\n    sometimesAssert(true, 'a put was retried');\n    reachable('a graph function of the project: no site');\n  }\n}\n`);
write('workloads/kv/graph.ts', `export function reachable(node: string): boolean {\n  return node !== '';\n}\n`);
write('workloads/kv/extensionless.ts', `import { reachable } from ${LIBRARY};\nreachable('loaded without an extension');\n`);
write('src/store.ts', `import * as moonpool from ${LIBRARY};\nexport class Store {\n  put() {\n    moonpool.sometimesAssert(false, 'a store compacted');\n    moonpool.reachable('a put was retried'.length > 0 ? 'x' : 'y');\n  }\n}\n`);
write('node_modules/some-dependency/package.json', JSON.stringify({ name: 'some-dependency', type: 'module', main: 'index.js' }));
write('node_modules/some-dependency/index.js', `import { reachable } from 'moonpool';\nreachable('inside a dependency');\n`);
const ping = write('workloads/ping.ts', `import { reachable, sometimesAssert } from ${LIBRARY};\nimport { Store } from '../src/store.js';\nexport class Ping {\n  run() {\n    reachable('a ping was answered');\n    sometimesAssert(true, 'a put was retried');\n  }\n}\n`);
write('workloads/ping.test.ts', `import { reachable } from 'moonpool';\nreachable('a test file: no workload');\n`);

test('a topology lists the sites of its file and of every project file it imports, by file then line; not dependencies, nor moonpool itself', () => {
  const catalog = SiteCatalog.scan(root, [kv, ping], join(root, 'tsconfig.json'));
  assert.deepEqual(catalog.sitesOf('workloads/kv/topology.ts'), [
    { kind: 'sometimes', message: 'a store compacted', location: 'src/store.ts:4' },
    { kind: 'sometimes', message: 'a put was retried', location: 'workloads/kv/client.ts:7' },
    { kind: 'reachable', message: 'loaded without an extension', location: 'workloads/kv/extensionless.ts:2' },
  ]);
  assert.deepEqual(catalog.sitesOf('workloads/ping.ts'), [
    { kind: 'sometimes', message: 'a store compacted', location: 'src/store.ts:4' },
    { kind: 'reachable', message: 'a ping was answered', location: 'workloads/ping.ts:5' },
    { kind: 'sometimes', message: 'a put was retried', location: 'workloads/ping.ts:6' },
  ]);
  assert.deepEqual(catalog.sitesOf('workloads/elsewhere.ts'), [], 'a file the scan never read has no sites');
});

test('without a tsconfig, the runtime resolution still finds .ts files behind .js and extensionless specifiers', () => {
  const catalog = SiteCatalog.scan(root, [kv], undefined);
  assert.deepEqual(catalog.sitesOf('workloads/kv/topology.ts').map((site) => site.location), ['src/store.ts:4', 'workloads/kv/client.ts:7', 'workloads/kv/extensionless.ts:2']);
});

test('the empty catalog has no sites', () => {
  assert.deepEqual(SiteCatalog.empty(root).sitesOf('workloads/kv/topology.ts'), []);
});
