// Finds, parses and validates `.moonpoolrc.json` against moonpool-config.schema.json.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { describeJsonError, describeSchemaError } from './config-problems.js';
import { validate as validateSchema } from './config-validator.generated.js';
import { packageFile } from './moonpool-package.js';
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

let schema: { properties: Record<string, { properties?: Record<string, unknown> }> } | undefined;

/** The schema's violations in `data`, from the validator ajv compiled at build time (scripts/config-validator.mjs). */
function validate(data: unknown): ErrorObject[] {
  const validator = validateSchema as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The keys the schema allows at `pointer` (read only to explain an unknown key). */
function knownKeys(pointer: string): string[] {
  schema ??= JSON.parse(readFileSync(packageFile('moonpool-config.schema.json'), 'utf8'));
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

function nestedTooDeeply(file: string): string {
  return `${file}: the JSON is nested too deeply to read (objects or arrays inside each other thousands of levels down). A .moonpoolrc.json is a flat object of the keys in moonpool-config.schema.json.`;
}

/** Loads the config named by `--config` or found from `cwd` upwards; throws a ConfigError. */
export function loadConfig(cwd: string, explicitPath?: string): LoadedConfig {
  const file = explicitPath !== undefined ? resolve(cwd, explicitPath) : findConfigFile(cwd);
  if (file === undefined) return { file: undefined, root: resolve(cwd), config: {} };
  if (!existsSync(file)) {
    throw new ConfigError([`${file}: config file not found (from --config ${explicitPath}). Pass the path of an existing .moonpoolrc.json, or drop --config to search from the current folder upwards.`]);
  }
  if (!statSync(file).isFile()) {
    throw new ConfigError([`${file}: is a directory, not a config file. Point --config at a .moonpoolrc.json file (or rename the folder that takes its name).`]);
  }
  // A UTF-8 byte order mark (some editors write one) is not part of the JSON.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([error instanceof RangeError ? nestedTooDeeply(file) : describeJsonError(file, text, error)]);
  }
  let problems: string[];
  try {
    problems = validate(data).map((e) => describeSchemaError(file, data, e, knownKeys));
  } catch (error) {
    // Validating or describing absurdly nested data overflows the stack.
    if (error instanceof RangeError) throw new ConfigError([nestedTooDeeply(file)]);
    throw error;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file, root: dirname(file), config: data as MoonpoolConfig };
}
