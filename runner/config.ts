// Finds, parses and validates `.moonpoolrc.json` against moonpool-config.schema.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { describeJsonError, describeSchemaError } from './config-problems.js';
import { validate as validateSchema } from './config-validator.generated.js';
import type { LoadedConfig, MoonpoolConfig } from './config-shape.js';

export const CONFIG_FILE_NAME = '.moonpoolrc.json';
export { DEFAULT_WORKLOAD_GLOBS, type LoadedConfig, type MoonpoolConfig, type ReporterName } from './config-shape.js';

/** A configuration problem: exit code 2. `message` holds one paragraph per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n\n'));
    this.name = 'ConfigError';
  }
}

/** The schema file ships at the package root, two folders above runner/ or dist/runner/. */
function schemaPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'moonpool-config.schema.json'), join(here, '..', '..', 'moonpool-config.schema.json')];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`moonpool-config.schema.json not found next to ${here}: the moonpool package is incomplete, reinstall it.`);
  return found;
}

let schema: { properties: Record<string, { properties?: Record<string, unknown> }> } | undefined;

/** The schema's violations in `data`, from the validator ajv compiled at build time (scripts/config-validator.mjs). */
function validate(data: unknown): ErrorObject[] {
  const validator = validateSchema as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The keys the schema allows at `pointer` (read only to explain an unknown key). */
function knownKeys(pointer: string): string[] {
  schema ??= JSON.parse(readFileSync(schemaPath(), 'utf8'));
  const props = pointer === '' ? schema?.properties : schema?.properties[pointer.slice(1)]?.properties;
  return Object.keys(props ?? {});
}

/** The tsconfig the project's TypeScript is compiled with: the config's `tsconfig` key, else
 * `tsconfig.json` in the project root (tsx would otherwise read the cwd's). */
export function projectTsconfig(loaded: LoadedConfig): string | undefined {
  if (loaded.config.tsconfig !== undefined) return resolve(loaded.root, loaded.config.tsconfig);
  const candidate = resolve(loaded.root, 'tsconfig.json');
  return existsSync(candidate) ? candidate : undefined;
}

/** The nearest `.moonpoolrc.json` from `cwd` upwards. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Loads the config named by `--config` or found from `cwd` upwards; throws a ConfigError. */
export function loadConfig(cwd: string, explicitPath?: string): LoadedConfig {
  const file = explicitPath !== undefined ? resolve(cwd, explicitPath) : findConfigFile(cwd);
  if (file === undefined) return { file: undefined, root: resolve(cwd), config: {} };
  if (!existsSync(file)) {
    throw new ConfigError([`${file}: config file not found (from --config ${explicitPath}). Pass the path of an existing .moonpoolrc.json, or drop --config to search from the current folder upwards.`]);
  }
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([describeJsonError(file, text, error)]);
  }
  const errors = validate(data);
  if (errors.length > 0) throw new ConfigError(errors.map((e) => describeSchemaError(file, data, e, knownKeys)));
  return { file, root: dirname(file), config: data as MoonpoolConfig };
}
