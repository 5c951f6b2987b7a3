// Loads the project's workload files with tsx (the project's own tsconfig) and reads the
// topologies they declared, with the import graph for watch mode, into the plain-data catalog a
// worker reports. A file that fails to load is reported with its cause; the other files still
// load. Seed workers only: the main thread never imports the project.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TopologyDefinition } from '../../src/internal.js';
import type { Catalog } from '../protocol/catalog.js';
import { projectTsconfig } from '../config/config.js';
import type { LoadedConfig } from '../config/config-shape.js';
import { ImportGraphRecorder } from './import-graph.js';
import type { Library } from './library-instance.js';
import { freshLoader, onceLoader, type ImportProjectFile } from './project-loader.js';
import { TopologyCollector } from './topology-collector.js';
import { workloadFiles } from '../config/workload-files.js';

export interface DiscoveredTopology {
  name: string;
  /** Declaring file, relative to the project root, `/`-separated. */
  file: string;
  definition: TopologyDefinition;
  /** The library instance the topology registered in: run its seeds with this instance. */
  library: Library;
}

export interface Discovery {
  topologies: DiscoveredTopology[];
  /** Absolute file → the project files it imports (dependencies excluded). */
  importGraph: Map<string, Set<string>>;
  /** The workload files matched by the globs, absolute, sorted. */
  files: string[];
  /** One paragraph per problem (a file that failed to load, nothing matched, a name clash). */
  errors: string[];
  /** Files whose decorators were used wrongly (a DefinitionError): a configuration error. */
  definitionErrors: number;
}

let namespaceCount = 0;

// The seed workers import this module: it must not load the library itself (the project's own
// copy announces itself when the workload files load), so no helper of the library is used here.
function causeOf(error: unknown): string {
  // Whatever the file threw (an object without a prototype, a Proxy, an Error whose message
  // getter throws) is described without throwing, so the file is still named.
  try {
    if (!(error instanceof Error)) return String(error);
    // A DefinitionError already names the file, the class and the fix.
    if (error.name === 'DefinitionError') return error.message.replace(/\.?$/, '');
    const firstFrame = error.stack?.split('\n').find((line) => line.trim().startsWith('at '));
    return `${error.name}: ${error.message}${firstFrame ? ` (${firstFrame.trim()})` : ''}`;
  } catch {
    return 'a thrown value that could not be turned into text';
  }
}

function isDefinitionError(error: unknown): boolean {
  try {
    return error instanceof Error && error.name === 'DefinitionError';
  } catch {
    return false;
  }
}

/** A tsconfig that is a folder or is not JSON (comments and trailing commas allowed, as tsc
 * allows them), named as such: tsx's own error blames the loader. */
function tsconfigProblem(tsconfig: string): string | undefined {
  if (!statSync(tsconfig).isFile()) return `tsconfig ${tsconfig} is a directory, not a file. Point "tsconfig" in .moonpoolrc.json at the project's tsconfig.json.`;
  const text = readFileSync(tsconfig, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\/\*[\s\S]*?\*\/|("(?:\\.|[^"\\])*")|\/\/[^\n]*/g, (_match, string: string | undefined) => string ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `tsconfig ${tsconfig} is not valid JSON (${(error as Error).message}). Fix it: moonpool compiles the workload files with it (experimentalDecorators: true).`;
  }
}

/** Workload `.ts` files load as ES modules only in a `"type": "module"` package: without it
 * they load as CommonJS and fail with an error about require() cycles. */
function moduleTypeProblem(root: string, files: readonly string[]): string | undefined {
  if (!files.some((file) => file.endsWith('.ts') || file.endsWith('.tsx'))) return undefined;
  for (let dir = root; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      } catch {
        return undefined; // Node reports a broken package.json itself.
      }
      return type === 'module'
        ? undefined
        : `${manifest} has no "type": "module": the workload files would load as CommonJS, which moonpool does not support. Add it (npm pkg set type=module), or name the workload files .mts.`;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export interface DiscoverOptions {
  /** Load the project into this thread for good, without a namespace or an import graph (seed
   * workers: cheaper to start; a second discovery in the thread would see the same modules).
   * Default: a fresh tsx namespace and the import graph, so every call sees the files as they are now. */
  once?: boolean;
}

/** Imports every workload file (in a fresh tsx namespace unless `once`) and lists the topologies they declared. */
export async function discover(loaded: LoadedConfig, options: DiscoverOptions = {}): Promise<Discovery> {
  const { globs, files, problems } = workloadFiles(loaded);
  const errors: string[] = [...problems];
  const where = loaded.file ?? `${loaded.root} (no .moonpoolrc.json: default globs)`;
  if (files.length === 0) {
    errors.push(`No workload file matched ${JSON.stringify(globs)} under ${loaded.root} (config: ${where}). Put the files declaring @Topology classes there, or set "workloads" in .moonpoolrc.json to globs that match them.`);
    return { topologies: [], importGraph: new Map(), files, errors, definitionErrors: 0 };
  }
  const tsconfig = projectTsconfig(loaded);
  const setup = tsconfig !== undefined && !existsSync(tsconfig)
    ? `${where}: tsconfig ${tsconfig} does not exist. Set "tsconfig" to the project's tsconfig.json (with experimentalDecorators: true), relative to the config file.`
    : (tsconfig !== undefined ? tsconfigProblem(tsconfig) : undefined) ?? moduleTypeProblem(loaded.root, files);
  if (setup !== undefined) {
    errors.push(setup);
    return { topologies: [], importGraph: new Map(), files, errors, definitionErrors: 0 };
  }
  let recorder: ImportGraphRecorder | undefined;
  let importFile: ImportProjectFile;
  if (options.once === true) importFile = onceLoader(tsconfig);
  else {
    const namespace = `moonpool-${process.pid}-${++namespaceCount}`;
    recorder = new ImportGraphRecorder(namespace);
    importFile = await freshLoader(namespace, tsconfig);
  }
  const collector = new TopologyCollector();
  let definitionErrors = 0;
  for (const file of files) {
    try {
      await importFile(pathToFileURL(file).href);
    } catch (error) {
      const name = relative(loaded.root, file);
      // By name: the error comes from the library instance the workload file imported.
      if (isDefinitionError(error)) definitionErrors++;
      const cause = causeOf(error);
      // tsx compiles decorators by the project's tsconfig: the fix is there, not in the file.
      const fix = /decorators only work when experimental decorators are enabled/.test(cause)
        ? `Turn decorators on in the project's tsconfig.json ("experimentalDecorators": true, "emitDecoratorMetadata": true${tsconfig === undefined ? `; none was found for ${loaded.root}` : `: ${tsconfig}`})`
        : 'Fix the error in that file (or a file it imports)';
      errors.push(`${name}: failed to load: ${cause}. ${fix}, or exclude it from the "workloads" globs of ${where}; the other files still ran.`);
    }
    collector.afterImport();
  }
  const importGraph = (await recorder?.finish((specifier) => import(specifier))) ?? new Map<string, Set<string>>();
  const topologies = collector.collected.map(({ definition, library }) => ({
    name: definition.name,
    file: projectRelative(loaded.root, definition.file),
    definition,
    library,
  }));
  const byName = new Map<string, DiscoveredTopology>();
  for (const topology of topologies) {
    const clash = byName.get(topology.name);
    if (clash !== undefined) errors.push(`Topology "${topology.name}" is declared in ${clash.file} and in ${topology.file} (through two copies of moonpool). Rename one, and import moonpool the same way in both files.`);
    byName.set(topology.name, topology);
  }
  if (topologies.length === 0 && errors.length === 0) {
    errors.push(`No @Topology found in ${files.length} workload file(s) matched by ${JSON.stringify(globs)} (config: ${where}). Declare one with @Topology({ name, roles, layouts }) in a file importing from 'moonpool'.`);
  }
  return { topologies, importGraph, files, errors, definitionErrors };
}

/** A declaring file as the library records it (relative to the cwd) made relative to the project root. */
function projectRelative(root: string, file: string): string {
  return relative(root, resolve(process.cwd(), file)).split('\\').join('/');
}

/** The plain-data catalog of a discovery (structured-clone safe: no classes, no library), with
 * the import graph when `withImportGraph` (watch mode). */
export function catalogOf(discovery: Discovery, root: string, withImportGraph = false): Catalog {
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
      })),
    };
  });
  const catalog: Catalog = { topologies, errors: discovery.errors, definitionErrors: discovery.definitionErrors };
  if (withImportGraph) catalog.importGraph = discovery.importGraph;
  return catalog;
}
