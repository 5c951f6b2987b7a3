// Turns ajv's validation errors and JSON syntax errors into one-paragraph, fixable messages.
import type { ErrorObject } from 'ajv';

/** A short, typed rendering of a value found in the config file. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  let text = JSON.stringify(value) ?? String(value);
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return type === 'an object' || type === 'an array' ? `${type} ${text}` : `${text} (${type})`;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function expected(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `expected ${String(p.type).split(',').map((type) => (type === 'integer' ? 'an integer' : type === 'object' ? 'an object' : `a value of type ${type}`)).join(' or ')}`;
    case 'enum':
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minimum':
    case 'maximum':
      return `expected a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'minProperties':
      return `expected an object with at least ${String(p.limit)} key(s)`;
    case 'minItems':
      return `expected at least ${String(p.limit)} item(s)`;
    case 'minLength':
      return 'expected a non-empty string';
    case 'uniqueItems':
      return `expected no duplicates (items ${String(p.j)} and ${String(p.i)} are equal)`;
    default:
      return `expected a value that ${error.message ?? 'matches the schema'}`;
  }
}

/** One paragraph per schema violation, naming the file, the key (JSON pointer), what was found
 * and the expected form. `knownKeys(pointer)` lists the keys valid where an unknown key sits. */
export function describeSchemaError(
  file: string,
  data: unknown,
  error: ErrorObject,
  knownKeys: (pointer: string) => string[],
): string {
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const pointer = `${error.instancePath}/${key}`;
    return (
      `${file}: unknown key "${pointer}" (found ${describeValue(valueAt(data, pointer))}). ` +
      `Valid keys here are: ${knownKeys(error.instancePath).join(', ')}. Remove it or fix its spelling; ` +
      'the keys are documented in moonpool-config.schema.json.'
    );
  }
  const pointer = error.instancePath === '' ? '/' : error.instancePath;
  return (
    `${file}: key "${pointer}" is invalid: found ${describeValue(valueAt(data, error.instancePath))}, ${expected(error)}. ` +
    'Fix the value in the file (the schema is moonpool-config.schema.json).'
  );
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** A JSON syntax error located by line and column (V8 reports a character position). */
export function describeJsonError(file: string, text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const { line, column } = lineColumn(text, position ? Number(position[1]) : text.length);
  return (
    `${file}: malformed JSON at line ${line}, column ${column}: ${message}. ` +
    'The file must be one JSON object (no comments, no trailing commas), for example {"workloads": ["workloads/**/*.ts"], "seeds": 100}.'
  );
}
