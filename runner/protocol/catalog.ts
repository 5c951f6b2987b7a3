// The project's cases as plain data: what a seed worker reports once it has loaded the workload
// files (worker/discovery.ts builds it), so the main thread lists, schedules and reports cases
// without importing them itself.
import type { ReplayBase } from '../../src/internal.js';

export interface CatalogCase {
  caseId: string;
  layout: string;
  /** The classes a failing seed names: the topology's, then each role's workload, `Name (file)`. */
  classes: string[];
}

export interface CatalogTopology {
  name: string;
  /** Declaring file, relative to the project root, `/`-separated. */
  file: string;
  /** The topology's own seed strategy text and seed count, when it declares them. */
  strategy: string | undefined;
  seeds: number | undefined;
  /** What its replay commands are measured against. */
  replayBase: ReplayBase;
  cases: CatalogCase[];
}

export interface Catalog {
  topologies: CatalogTopology[];
  /** One paragraph per problem (a file that failed to load, nothing matched, a name clash). */
  errors: string[];
  /** Files whose decorators were used wrongly: the CLI exits 2. */
  definitionErrors: number;
  /** Watch mode (WorkerInit.importGraph): absolute file → the project files it imports. */
  importGraph?: Map<string, Set<string>>;
}
