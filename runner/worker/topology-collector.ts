// Collects the topologies the workload files register, file by file, with the library instance
// each registered in (its definition names the declaring file).
import type { TopologyDefinition } from '../../src/internal.js';
import { librariesSince, libraryMark, type Library } from './library-instance.js';

export interface CollectedTopology {
  definition: TopologyDefinition;
  library: Library;
}

export class TopologyCollector {
  readonly collected: CollectedTopology[] = [];
  private readonly libraries = new Map<Library, { taken: number }>();
  /** Only instances loaded by this discovery count (not the runner's own, nor an earlier discovery's). */
  private readonly mark = libraryMark();

  /** Records what the imports so far registered, in registration order. */
  afterImport(): void {
    for (const library of librariesSince(this.mark)) if (!this.libraries.has(library)) this.libraries.set(library, { taken: 0 });
    for (const [library, entry] of this.libraries) {
      const all = library.listTopologies();
      for (const definition of all.slice(entry.taken)) this.collected.push({ definition, library });
      entry.taken = all.length;
    }
  }
}
