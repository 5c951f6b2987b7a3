// Checks a parsed file against json-report.schema.json (at the package root) with ajv, compiled
// on first use: only merge-reports reads reports, so a run never loads the compiler.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { packageFile } from '../config/moonpool-package.js';

/** RFC 3339 date-times as Date.prototype.toISOString writes them (and with an offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let validator: ValidateFunction | undefined;

/** The schema's violations in `data`, at most `max` of them (none: a valid report). */
export function reportSchemaErrors(data: unknown, max = 3): ErrorObject[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(packageFile('json-report.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, allowUnionTypes: true, formats: { 'date-time': DATE_TIME } }).compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []).slice(0, max);
}
