// The shape of .moonpoolrc.json once validated (kept apart from the validator, so seed workers
// can use it without loading ajv).

export const DEFAULT_WORKLOAD_GLOBS = ['workloads/**/*.ts'];

export type ReporterName = 'ink' | 'plain' | 'junit' | 'json';

/** The file's shape (every key optional), as moonpool-config.schema.json defines it. */
export interface MoonpoolConfig {
  $schema?: string;
  workloads?: string[];
  seeds?: number;
  baseSeed?: number;
  strategy?: string;
  network?: 'perfect' | 'default' | 'hostile' | 'random';
  swarm?: boolean;
  buggify?: 'auto' | 'on' | 'off';
  attrition?: 'on' | 'off';
  storage?: 'perfect' | 'default' | 'hostile' | 'random';
  guard?: 'virtualize' | 'reject';
  workers?: number;
  reporters?: ReporterName[];
  /** The one file reporter's path, or one per reporter (see runner/cli/report-files.ts). */
  outputFile?: string | { junit?: string; json?: string };
  timeouts?: { seedMs?: number; eventsMax?: number; simTimeMsMax?: number; livenessMs?: number };
  tsconfig?: string;
}

export interface LoadedConfig {
  /** Absolute path of the config file, or undefined when none was found (defaults apply). */
  file: string | undefined;
  /** The folder globs and paths are relative to: the config file's folder, else the cwd. */
  root: string;
  config: MoonpoolConfig;
}
