// Which file each file reporter (junit, json) writes: --output-file, then "outputFile" in
// .moonpoolrc.json, then the reporter's default file in the current folder. One path serves the
// one file reporter chosen; with both chosen, each is named (`--output-file json=run.json`,
// `"outputFile": { "json": "run.json" }`) or takes its default, and a lone path is an error.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config/config.js';
import { DEFAULT_JSON_REPORT_FILE } from '../reporters/json-report.js';
import { UsageError } from './usage-error.js';

export type FileReporterName = 'junit' | 'json';
export const FILE_REPORTER_NAMES: readonly FileReporterName[] = ['junit', 'json'];

export const DEFAULT_OUTPUT_FILES: Readonly<Record<FileReporterName, string>> = { junit: 'junit.xml', json: DEFAULT_JSON_REPORT_FILE };

/** "outputFile" of .moonpoolrc.json: the one file reporter's path, or a path per reporter. */
export type OutputFileSetting = string | Partial<Record<FileReporterName, string>>;

export interface OutputFileSources {
  /** The --output-file values as typed: one path, or `junit=path` / `json=path` (repeatable). */
  flags: readonly string[];
  cwd: string;
  /** The config file's "outputFile", the folder its paths are relative to, and the file. */
  config?: { value: OutputFileSetting; root: string; file: string };
}

const NAMED = /^(junit|json)=(.*)$/s;

/** Splits the --output-file values into one plain path or paths named per reporter. */
function parseFlags(flags: readonly string[]): { plain?: string; named: Partial<Record<FileReporterName, string>> } {
  const named: Partial<Record<FileReporterName, string>> = {};
  const plain: string[] = [];
  for (const flag of flags) {
    const match = NAMED.exec(flag);
    if (match === null) {
      plain.push(flag);
      continue;
    }
    const name = match[1] as FileReporterName;
    if (match[2] === '') throw new UsageError(`--output-file ${flag} names no file: write --output-file ${name}=PATH, for example --output-file ${name}=reports/${DEFAULT_OUTPUT_FILES[name]}.`);
    if (named[name] !== undefined) throw new UsageError(`--output-file names the ${name} reporter's file twice (${named[name]} and ${match[2]}): give it once.`);
    named[name] = match[2];
  }
  if (plain.length > 1) {
    throw new UsageError(`--output-file was given ${plain.length} times (${plain.join(', ')}): give one path, or one per file reporter as --output-file junit=PATH --output-file json=PATH.`);
  }
  if (plain.length === 1 && Object.keys(named).length > 0) {
    throw new UsageError(`--output-file ${plain[0]} is a lone path beside paths named per reporter: name it too (--output-file junit=${plain[0]} or json=${plain[0]}).`);
  }
  return { plain: plain[0], named };
}

const BOTH = 'the junit and the json reporter each write a file';

/** The absolute file each chosen file reporter writes; throws a UsageError (flags) or
 * ConfigError (the config file) naming the fix when a path is ambiguous or unwritable. */
export function outputFilesOf(chosen: readonly FileReporterName[], sources: OutputFileSources): Map<FileReporterName, string> {
  const { plain, named } = parseFlags(sources.flags);
  for (const name of FILE_REPORTER_NAMES) {
    if (named[name] !== undefined && !chosen.includes(name)) {
      throw new UsageError(`--output-file ${name}=${named[name]} names the ${name} reporter's file, but that reporter is not chosen: add --reporter ${name} (or drop that --output-file).`);
    }
  }
  if (plain !== undefined && chosen.length === 0) {
    throw new UsageError(`--output-file ${plain} is only written by the junit and json reporters: add --reporter junit or --reporter json (or drop --output-file).`);
  }
  if (plain !== undefined && chosen.length > 1) {
    throw new UsageError(
      `--output-file ${plain} is ambiguous: ${BOTH}. Name each (--output-file junit=reports/moonpool.xml --output-file json=reports/moonpool.json), ` +
        `or drop --output-file for the defaults (${DEFAULT_OUTPUT_FILES.junit} and ${DEFAULT_OUTPUT_FILES.json} in the current folder).`,
    );
  }
  const config = sources.config;
  const files = new Map<FileReporterName, string>();
  const sourceOf = new Map<FileReporterName, string>();
  for (const name of chosen) {
    let path: string;
    let source: string;
    const fromConfig = typeof config?.value === 'string' ? config.value : config?.value[name];
    if (named[name] !== undefined) {
      path = resolve(sources.cwd, named[name]);
      source = `--output-file ${name}=`;
    } else if (plain !== undefined) {
      path = resolve(sources.cwd, plain);
      source = '--output-file ';
    } else if (config !== undefined && fromConfig !== undefined) {
      if (typeof config.value === 'string' && chosen.length > 1) {
        throw new ConfigError([
          `${config.file}: "outputFile" is one path (${config.value}) but ${BOTH}. ` +
            'Give one per reporter, for example "outputFile": { "junit": "reports/moonpool.xml", "json": "reports/moonpool.json" }, ' +
            `or name them on the command line (--output-file junit=PATH --output-file json=PATH).`,
        ]);
      }
      path = resolve(config.root, fromConfig);
      source = typeof config.value === 'string' ? `"outputFile" of ${config.file}: ` : `"outputFile.${name}" of ${config.file}: `;
    } else {
      path = resolve(sources.cwd, DEFAULT_OUTPUT_FILES[name]);
      source = `the ${name} reporter's default file `;
    }
    checkOutputFile(path, source, name);
    for (const [other, otherPath] of files) {
      if (otherPath === path) throw new UsageError(`the ${other} and the ${name} reporter would both write ${path} (${sourceOf.get(other)?.trim()}; ${source.trim()}): give each its own file.`);
    }
    files.set(name, path);
    sourceOf.set(name, source);
  }
  return files;
}

/** A report file must be writable before the first seed runs, not found unwritable after the
 * whole run: a UsageError (exit 2) naming the path, who chose it (`source`, which ends with its
 * separator: `--output-file `, `--output-file json=`) and why it cannot be written. */
function checkOutputFile(path: string, source: string, name: FileReporterName): void {
  const fail = (why: string): never => {
    throw new UsageError(`${source}${path}: ${why}. The ${name} report could not be written there; give a file path in an existing, writable folder.`);
  };
  if (statOrUndefined(path)?.isDirectory()) fail(`is a directory (for example ${join(path, DEFAULT_OUTPUT_FILES[name])} would do)`);
  // The reporter creates missing folders: the nearest one that exists must be a writable folder.
  let folder = dirname(path);
  let folderStat = statOrUndefined(folder);
  while (folderStat === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    folderStat = statOrUndefined(folder);
  }
  if (folderStat !== undefined && !folderStat.isDirectory()) fail(`${folder} is a file, not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    fail(`the folder ${folder} is not writable (${(error as NodeJS.ErrnoException).code ?? 'EACCES'})`);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
