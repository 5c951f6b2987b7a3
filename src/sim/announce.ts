// How a runner finds the library instance(s) a project's workload files imported, whatever path
// they imported it by ('moonpool', a relative src/ path, a built dist/): each instance, once
// loaded, appends its module namespace to one process-wide list under a registered symbol.
// Append-only and in load order, so a runner reads the instances loaded since a point.

const LIBRARIES_KEY = Symbol.for('moonpool.libraries');

type Holder = { [LIBRARIES_KEY]?: unknown[] };

/** Called once by the library's entry module with its own namespace. */
export function announceLibrary(library: object): void {
  const holder = globalThis as Holder;
  (holder[LIBRARIES_KEY] ??= []).push(library);
}
