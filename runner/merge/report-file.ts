// Reads one JSON report given to merge-reports. Every way a file can be wrong is one paragraph
// naming the file and the fix (a ReportInputError, exit 2).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lineColumn } from '../config/config-problems.js';
import { packageVersion } from '../config/moonpool-package.js';
import { JSON_REPORT_SCHEMA_VERSION, type JsonReport } from '../reporters/json-report.js';
import { reportSchemaErrors } from './report-schema.js';

/** A report merge-reports cannot use: exit code 2. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export interface ReportInput {
  /** The path as given on the command line. */
  file: string;
  report: JsonReport;
}

const WHAT_TO_PASS = 'merge-reports reads the files `moonpool-test --reporter json` writes, one per shard of a run.';

function fail(file: string, problem: string): never {
  throw new ReportInputError(`${file}: ${problem}`);
}

/** Reads and checks `file` (relative to `cwd`). */
export function readReportFile(file: string, cwd: string): ReportInput {
  const path = resolve(cwd, file);
  let text: string;
  try {
    if (statSync(path).isDirectory()) fail(file, `is a folder, not a report. Pass the report files inside it (for example ${file}/*.json).`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ReportInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(file, `no such file. Check the path, and that every shard's report was downloaded before the merge (an artifact per shard). ${WHAT_TO_PASS}`);
    fail(file, `cannot be read (${code ?? (error as Error).message}). Check its permissions.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const { line, column } = lineColumn(text, position ? Number(position[1]) : text.length);
    fail(file, `is not JSON (${message}; line ${line}, column ${column}). Was it cut short, or written by another tool? ${WHAT_TO_PASS}`);
  }
  const version = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === undefined) fail(file, `is JSON but not a moonpool report (it has no "schemaVersion"). ${WHAT_TO_PASS}`);
  if (version !== JSON_REPORT_SCHEMA_VERSION) {
    const writer = (data as { generator?: { version?: unknown } }).generator?.version;
    fail(
      file,
      `is a report of schema version ${JSON.stringify(version)}${typeof writer === 'string' ? ` (written by moonpool ${writer})` : ''}, ` +
        `but this moonpool-test (${packageVersion()}) reads version ${JSON_REPORT_SCHEMA_VERSION}. ` +
        `Merge it with the moonpool-test that wrote it${typeof writer === 'string' ? ` (npx moonpool-test@${writer} merge-reports ...)` : ''}, or rerun the shards with this one.`,
    );
  }
  const errors = reportSchemaErrors(data);
  if (errors.length > 0) {
    const where = errors.map((e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`).join('; ');
    fail(file, `is not a valid moonpool report of schema version ${JSON_REPORT_SCHEMA_VERSION}: ${where}. Was it edited or cut short? Rerun the shard that wrote it. The schema is json-report.schema.json in the moonpool package.`);
  }
  const report = data as JsonReport;
  const shard = report.run.shard;
  if (shard !== null && shard.index > shard.count) fail(file, `says it is shard ${shard.index}/${shard.count}, which cannot be (the index is at most the count). Rerun the shard that wrote it.`);
  return { file, report };
}
