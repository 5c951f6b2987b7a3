// moonpool's own package: the folder it is installed in (the schemas ship at its root) and its
// version, for --version and the reports' generator field.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: { root: string; version: string } | undefined;

/** The package.json named moonpool above this module (its folder depth differs between the
 * sources and dist/). */
function findPackage(): { root: string; version: string } | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'moonpool') return { root: dir, version: pkg.version ?? 'unknown' };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function packageVersion(): string {
  found ??= findPackage();
  return found?.version ?? 'unknown';
}

/** The path of `name` at the package root; throws naming the fix when the package is incomplete. */
export function packageFile(name: string): string {
  found ??= findPackage();
  const path = found && join(found.root, name);
  if (path === undefined || !existsSync(path)) {
    throw new Error(`${name} not found at the root of the moonpool package (above ${dirname(fileURLToPath(import.meta.url))}): the package is incomplete, reinstall it.`);
  }
  return path;
}
