// The moonpool library instance(s) the workload files registered their topologies in. A tsx
// namespace instantiates every module afresh (moonpool included), and a project may import the
// library by any path ('moonpool', a relative src/ path, a built dist/), so the runner uses the
// instances the library announced as they loaded (src/sim/announce.ts), not its own copy.
import type * as MoonpoolLibrary from '../../src/internal.js';

export type Library = typeof MoonpoolLibrary;

// The library's announcement list (LIBRARIES_KEY in src/sim/announce.ts).
const LIBRARIES_KEY = Symbol.for('moonpool.libraries');
const REQUIRED_EXPORTS = ['listTopologies', 'expandLayouts', 'runSeed'] as const;

function isLibrary(module: unknown): module is Library {
  if (module === null || typeof module !== 'object') return false;
  return REQUIRED_EXPORTS.every((name) => typeof (module as Record<string, unknown>)[name] === 'function');
}

function announced(): readonly unknown[] {
  return ((globalThis as { [LIBRARIES_KEY]?: unknown[] })[LIBRARIES_KEY] ??= []);
}

/** A mark in the announcement list: `librariesSince(mark)` lists the instances loaded after it. */
export function libraryMark(): number {
  return announced().length;
}

/** The library instances announced since `mark`, in load order. */
export function librariesSince(mark: number): Library[] {
  return announced().slice(mark).filter(isLibrary);
}
