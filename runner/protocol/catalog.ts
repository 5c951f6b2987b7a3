// The project's cases as plain data: what a seed worker reports once it has loaded the workload
// files, so the main thread lists, schedules and reports cases without importing them itself.
import { relative, resolve } from 'node:path';
import type { ReplayBase } from '../src/index.js';
import type { Discovery } from './discovery.js';

export interface CatalogCase {
  caseId: string;
  layout: string;
  /** The classes a failing seed names: the topology's, then each role's workload, `Name (file)`. */
  classes: string[];
  livenessTimeoutMs: number;
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
}

/** A declaring file as the library records it (relative to the cwd) made relative to the project root. */
export function projectRelative(root: string, file: string): string {
  return relative(root, resolve(process.cwd(), file)).split('\\').join('/');
}

/** The plain-data catalog of a discovery (structured-clone safe: no classes, no library). */
export function catalogOf(discovery: Discovery, root: string): Catalog {
  const topologies = discovery.topologies.map(({ name, file, definition, library }) => {
    const topologyClass = `${definition.target.name} (${file})`;
    return {
      name,
      file,
      strategy: definition.strategy,
      seeds: definition.seeds,
      replayBase: library.replayBaseOf(definition),
      cases: library.expandLayouts(definition).map((plan) => ({
        caseId: plan.caseId,
        layout: plan.layout.name,
        classes: [...new Set([topologyClass, ...plan.topology.roles.map((r) => `${r.workload.target.name} (${projectRelative(root, r.workload.file)})`)])],
        livenessTimeoutMs: plan.topology.livenessTimeoutMs,
      })),
    };
  });
  return { topologies, errors: discovery.errors, definitionErrors: discovery.definitionErrors };
}
