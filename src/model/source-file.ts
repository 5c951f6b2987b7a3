import { basename, dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const OWN_FILE = fileURLToPath(import.meta.url);
const OWN_DIR = dirname(OWN_FILE);
// This module and the decorators beside it; in the published build both live in the one bundled
// file (dist/src/index.js), OWN_FILE itself.
const OWN_FILES = /^(decorators|source-file)\.[cm]?[jt]s$/;
// Decorator plumbing between the user's class and our decorator: reflect-metadata's
// Reflect.decorate (which tsc's __decorate calls) and tslib's shared helpers.
const PLUMBING = /[\\/]node_modules[\\/](reflect-metadata|tslib)[\\/]|^node:/;

const rawSites = (_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

/** The file names of the frames above `declaringFile`, as V8 sees them. Raw call sites, not the
 * stack string: a loader with source maps on (tsx) maps the built library's frames in that string
 * back to its src/ files, which would no longer match OWN_DIR. */
function callerFileNames(): (string | undefined)[] {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 50;
  Error.prepareStackTrace = rawSites;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.captureStackTrace(holder, declaringFile);
    return (holder.stack ?? []).map((site) => site.getFileName() ?? undefined);
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** An absolute path from a frame's file name (a `file:` URL for ES modules, with any query
 * such as tsx's namespace dropped); undefined for eval code and internal modules. */
function toPath(fileName: string | undefined): string | undefined {
  if (fileName === undefined) return undefined;
  if (fileName.startsWith('file:')) return fileURLToPath(fileName);
  return isAbsolute(fileName) ? fileName : undefined;
}

function isOwn(path: string): boolean {
  return path === OWN_FILE || (dirname(path) === OWN_DIR && OWN_FILES.test(basename(path)));
}

/**
 * The source file that called the decorator now running, relative to process.cwd() (the project
 * root), so errors can name it. `unknown file` when the stack does not show one (eval, REPL).
 */
export function declaringFile(): string {
  for (const fileName of callerFileNames()) {
    if (fileName === undefined || PLUMBING.test(fileName)) continue;
    const path = toPath(fileName);
    if (path !== undefined && !isOwn(path)) return relative(process.cwd(), path).split('\\').join('/');
  }
  return 'unknown file';
}
