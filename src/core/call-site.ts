// Call-site identity for buggify and assertion reports. A site is `file:line:column` with the
// file relative to the project root, so it is the same on every machine and checkout path.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type Skip = (...args: never[]) => unknown;
const structured = (_error: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;

/** Interned keys, file → line → column: a repeated call builds no string and hashes none (the
 * file name is the script's own string, whose hash V8 caches). Bounded by the call sites. */
const internedKeys = new Map<string, Map<number, Map<number, string>>>();

/** The unmapped position of the caller of `skip`, `file:line:column`, as one interned string per
 * site: the cheap per-call cache key (structured frames skip source-map formatting, about 2x
 * faster than reading a stack string). */
export function callerKey(skip: Skip): string {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 1;
  Error.prepareStackTrace = structured;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  let frame: NodeJS.CallSite | undefined;
  try {
    Error.captureStackTrace(holder, skip);
    frame = holder.stack?.[0]; // read inside: the stack is formatted (by `structured`) on first read
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  if (frame === undefined) return 'unknown';
  return internKey(frame.getFileName() ?? 'unknown', frame.getLineNumber() ?? 0, frame.getColumnNumber() ?? 0);
}

function internKey(file: string, line: number, column: number): string {
  let lines = internedKeys.get(file);
  if (lines === undefined) internedKeys.set(file, (lines = new Map()));
  let columns = lines.get(line);
  if (columns === undefined) lines.set(line, (columns = new Map()));
  let key = columns.get(column);
  if (key === undefined) columns.set(column, (key = `${file}:${line}:${column}`));
  return key;
}

const LOCATION = /\(?((?:file:\/\/|node:|\/|[A-Za-z]:[\\/])[^()]*?):(\d+):(\d+)\)?$/;

/** The readable (source-mapped when the loader maps) position of the caller of `skip`, as
 * `file:line:column` relative to `projectRoot` or, without one, to the file's package root. */
export function callerSite(skip: Skip, projectRoot?: string): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  const holder: { stack?: string } = {};
  try {
    Error.captureStackTrace(holder, skip);
  } finally {
    Error.stackTraceLimit = limit;
  }
  const frame = (holder.stack ?? '').split('\n')[1]?.trim() ?? '';
  return frameSite(frame, projectRoot) ?? (frame.replace(/^at /, '') || 'an unknown call site');
}

/** The position a stack frame line names, `file:line:column` relative as relativeFile makes
 * it, or undefined for a frame without one (`<anonymous>`, native). */
export function frameSite(frame: string, projectRoot?: string): string | undefined {
  const match = LOCATION.exec(frame.trim());
  return match === null ? undefined : `${relativeFile(match[1], projectRoot)}:${match[2]}:${match[3]}`;
}

/** `file` made relative to `projectRoot` when inside it, else to its nearest package.json folder. */
export function relativeFile(file: string, projectRoot?: string): string {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  if (!isAbsolute(path)) return path;
  const root = projectRoot !== undefined && isInside(path, projectRoot) ? projectRoot : packageRootOf(path);
  return root === undefined ? path.split(sep).slice(-2).join('/') : relative(root, path).split(sep).join('/');
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const packageRoots = new Map<string, string | undefined>();

/** The nearest ancestor folder holding a package.json (cached: a site's file is looked up once). */
function packageRootOf(file: string): string | undefined {
  const start = dirname(file);
  if (packageRoots.has(start)) return packageRoots.get(start);
  let root: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      root = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  packageRoots.set(start, root);
  return root;
}
