// What a build of dist/ was made from: one hash over the files tsconfig.build.json compiles and
// the files that steer the build. dist/.build-stamp holds the hash of the last finished build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const STAMP = join('dist', '.build-stamp');

// Besides the sources: the compiler options, the bundle step and this script, and the
// dependencies the bundle inlines (by their locked versions).
const STEERING = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs', 'scripts/bundle.mjs'];

/** The files tsconfig.build.json in `root` compiles (its include minus its exclude), sorted. */
function compiledFiles(root) {
  const path = join(root, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, path).fileNames.map((file) => relative(root, file)).sort();
}

/** The hash of the build inputs of the project at `root`: a file's path and content both count. */
export function buildInputsHash(root) {
  const hash = createHash('sha256');
  for (const file of [...STEERING, ...compiledFiles(root)]) {
    const path = join(root, file);
    hash.update(`${file}\0${existsSync(path) ? readFileSync(path).toString('base64') : '-'}\0`);
  }
  return hash.digest('hex');
}

/** The hash dist/ in `root` was last built from, or undefined (never built, or a build stopped). */
export function readStamp(root) {
  const stamp = join(root, STAMP);
  return existsSync(stamp) ? readFileSync(stamp, 'utf8') : undefined;
}
