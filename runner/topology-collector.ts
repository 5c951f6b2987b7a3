// Collects the topologies the workload files register, file by file, with the library instance
// each registered in and the workload file whose import declared it.
import { resolve } from 'node:path';
import { projectFile } from './import-graph.js';
import { findLibraries, type Library } from './library-instance.js';

export type TopologyDefinition = ReturnType<Library['listTopologies']>[number];

export interface CollectedTopology {
  definition: TopologyDefinition;
  library: Library;
  /** The declaring file, absolute: the library's record when it names a loaded file, else the
   * workload file whose import registered it (stack-based records can point into the library
   * itself, for example through source maps of a built package). */
  file: string;
}

export class TopologyCollector {
  readonly collected: CollectedTopology[] = [];
  private readonly libraries = new Map<unknown, { library: Library; taken: number }>();
  private scanned = 0;

  constructor(
    /** Every module URL loaded so far, appended to as imports go (tsx's onImport). */
    private readonly loadedUrls: readonly string[],
    private readonly importLoaded: (url: string) => Promise<unknown>,
  ) {}

  /** Records what importing `workloadFile` (absolute) registered. */
  async afterImport(workloadFile: string): Promise<void> {
    const fresh = this.loadedUrls.slice(this.scanned);
    this.scanned = this.loadedUrls.length;
    for (const library of await findLibraries(fresh, this.importLoaded)) {
      if (!this.libraries.has(library.listTopologies)) this.libraries.set(library.listTopologies, { library, taken: 0 });
    }
    const loadedFiles = new Set(this.loadedUrls.map(projectFile));
    for (const entry of this.libraries.values()) {
      const all = entry.library.listTopologies();
      for (const definition of all.slice(entry.taken)) {
        const recorded = resolve(process.cwd(), definition.file);
        this.collected.push({ definition, library: entry.library, file: loadedFiles.has(recorded) ? recorded : workloadFile });
      }
      entry.taken = all.length;
    }
  }
}
