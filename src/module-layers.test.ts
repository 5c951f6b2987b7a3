// The library's folders form layers: a module imports only from its own folder or a folder
// below it, so every arrow points down and any folder can be read knowing only what is under it.
// Tests may reach across (a contract suite runs every implementation); the library may not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Bottom first. Folders on one line do not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['providers'],
  ['chaos', 'timeline'],
  ['network'],
  ['storage'],
  ['transport', 'http'],
  ['model'],
  ['lifecycle'],
  ['sim'],
  ['real'],
  ['.'], // index.ts and internal.ts, the package's entries
];

function libraryFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) libraryFiles(path, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|test-support|bench-support)\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

function folderOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0] : '.';
}

function layerOf(folder: string): number {
  const layer = LAYERS.findIndex((names) => names.includes(folder));
  assert.ok(layer >= 0, `src/${folder}/ is in no layer: add it to LAYERS in ${relative(process.cwd(), fileURLToPath(import.meta.url))}`);
  return layer;
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]);
}

/** Why `file` may not import `specifier`, or undefined when it may. */
function violation(file: string, specifier: string): string | undefined {
  const target = resolve(dirname(file), specifier);
  const where = `${relative(SRC, file)} imports '${specifier}'`;
  if (relative(SRC, target).startsWith('..')) return `${where}: the library never imports outside src/ (runner/, workloads/...)`;
  const from = folderOf(file);
  const to = folderOf(target);
  if (to !== from && layerOf(to) >= layerOf(from)) return `${where} (${from} → ${to} points up or sideways)`;
  return undefined;
}

test('every import in src/ points to its own folder or a lower layer, and never out of src/', () => {
  const files = libraryFiles(SRC);
  assert.ok(files.length > 100, `found only ${files.length} library files under ${SRC}`);
  const found = files.flatMap((file) => relativeImports(file).map((specifier) => violation(file, specifier)));
  assert.deepEqual(found.filter((text) => text !== undefined), []);
});

test('the check reports an upward, a sideways and an outward import, and passes a downward one', () => {
  assert.match(violation(join(SRC, 'core/world.ts'), '../sim/run-seed.js') ?? '', /core → sim points up/);
  assert.match(violation(join(SRC, 'chaos/buggify.ts'), '../timeline/trace.js') ?? '', /chaos → timeline points up or sideways/);
  assert.match(violation(join(SRC, 'sim/run-seed.ts'), '../../runner/cli.js') ?? '', /never imports outside src/);
  assert.equal(violation(join(SRC, 'sim/run-seed.ts'), '../core/world.js'), undefined);
  assert.equal(violation(join(SRC, 'sim/run-seed.ts'), './seed-cluster.js'), undefined);
});
