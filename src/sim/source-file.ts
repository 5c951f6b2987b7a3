import { basename, dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const OWN_DIR = dirname(fileURLToPath(import.meta.url));
const OWN_FILES = /^(decorators|source-file)\.[cm]?[jt]s$/;
// Decorator plumbing between the user's class and our decorator: reflect-metadata's
// Reflect.decorate (which tsc's __decorate calls) and tslib's shared helpers.
const PLUMBING = /[\\/]node_modules[\\/](reflect-metadata|tslib)[\\/]|node:internal/;
const LOCATION = /\(?((?:file:\/\/)?[^\s()]+?):\d+:\d+\)?$/;

function toPath(location: string): string | undefined {
  if (location.startsWith('file://')) return fileURLToPath(location);
  return isAbsolute(location) ? location : undefined;
}

function isOwn(path: string): boolean {
  return dirname(path) === OWN_DIR && OWN_FILES.test(basename(path));
}

/**
 * The source file that called the decorator now running, relative to process.cwd() (the project
 * root), so errors can name it. `unknown file` when the stack does not show one (eval, REPL).
 */
export function declaringFile(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const frame of stack.split('\n').slice(1)) {
    if (PLUMBING.test(frame)) continue;
    const match = LOCATION.exec(frame.trim());
    const path = match ? toPath(match[1]) : undefined;
    if (path !== undefined && !isOwn(path)) return relative(process.cwd(), path).split('\\').join('/');
  }
  return 'unknown file';
}
