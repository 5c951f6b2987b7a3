// Collects the topologies the workload files register, file by file, with the library instance
// each registered in (its definition names the declaring file).
import { findLibraries, type Library } from './library-instance.js';

export type TopologyDefinition = ReturnType<Library['listTopologies']>[number];

export interface CollectedTopology {
  definition: TopologyDefinition;
  library: Library;
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

  /** Records what the imports so far registered, in registration order. */
  async afterImport(): Promise<void> {
    const fresh = this.loadedUrls.slice(this.scanned);
    this.scanned = this.loadedUrls.length;
    for (const library of await findLibraries(fresh, this.importLoaded)) {
      if (!this.libraries.has(library.listTopologies)) this.libraries.set(library.listTopologies, { library, taken: 0 });
    }
    for (const entry of this.libraries.values()) {
      const all = entry.library.listTopologies();
      for (const definition of all.slice(entry.taken)) this.collected.push({ definition, library: entry.library });
      entry.taken = all.length;
    }
  }
}
