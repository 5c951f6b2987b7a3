// Finds the moonpool library instance(s) the workload files registered their topologies in.
// Discovery loads the project in a tsx namespace, which instantiates every module afresh
// (moonpool included), so the runner must use the library instance the workloads imported,
// whatever path they imported it by ('moonpool', a relative src/ path, a built dist/).
import type * as MoonpoolLibrary from '../src/index.js';

export type Library = typeof MoonpoolLibrary;

const ENTRY_NAME = /[\\/]index\.(?:[cm]?js|[cm]?ts)(?:[?#].*)?$/;
const REQUIRED_EXPORTS = ['listTopologies', 'expandLayouts', 'runSeed'] as const;

function isLibrary(module: unknown): module is Library {
  if (module === null || typeof module !== 'object') return false;
  return REQUIRED_EXPORTS.every((name) => typeof (module as Record<string, unknown>)[name] === 'function');
}

/**
 * The distinct library instances among the modules a discovery loaded, in load order. A
 * candidate is any loaded `index.*` module exporting the runner's entry points; instances are
 * told apart by their `listTopologies` function (re-exports of one instance share it).
 */
export async function findLibraries(
  loadedUrls: readonly string[],
  importLoaded: (url: string) => Promise<unknown>,
): Promise<Library[]> {
  const found = new Map<unknown, Library>();
  for (const url of loadedUrls) {
    if (!url.startsWith('file:') || !ENTRY_NAME.test(url)) continue;
    let module: unknown;
    try {
      module = await importLoaded(url);
    } catch {
      continue; // a failed module is reported by the file that imported it
    }
    if (isLibrary(module) && !found.has(module.listTopologies)) found.set(module.listTopologies, module);
  }
  return [...found.values()];
}

/** One layout of a topology, as the workload's library instance expanded it. */
export type CasePlan = ReturnType<Library['expandLayouts']>[number];
