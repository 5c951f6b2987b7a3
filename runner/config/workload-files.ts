// The workload files of a project: what its "workloads" globs match, less the tests beside them.
import { DEFAULT_WORKLOAD_GLOBS, type LoadedConfig } from './config-shape.js';
import { expandGlobs } from './glob.js';

/** Tests and their helpers beside the workloads (`*.test.ts`, `*.test-support.ts`): never workload files. */
const TEST_FILE = /\.test(-support)?\.[cm]?[jt]sx?$/;

export interface WorkloadFiles {
  globs: string[];
  /** Absolute, sorted. */
  files: string[];
  /** Globs skipped (for example one leaving the project root), one paragraph each. */
  problems: string[];
}

export function workloadFiles(loaded: LoadedConfig): WorkloadFiles {
  const globs = loaded.config.workloads ?? DEFAULT_WORKLOAD_GLOBS;
  const expansion = expandGlobs(loaded.root, globs);
  return { globs, files: expansion.files.filter((file) => !TEST_FILE.test(file)), problems: expansion.problems };
}
