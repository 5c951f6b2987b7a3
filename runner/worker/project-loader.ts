// Imports a project's TypeScript with tsx, two ways:
// - fresh: a tsx namespace per discovery, so every call instantiates the files (and moonpool) as
//   they are now. Watch mode and tests need that; it costs tsx's API in this thread.
// - once: tsx's hooks registered straight with node:module, then plain imports. A seed worker
//   loads its project exactly once, and skipping tsx's API (it loads esbuild's JS API into the
//   thread) is a large share of a worker's start-up.
import { register as registerHooks } from 'node:module';

export type ImportProjectFile = (url: string) => Promise<unknown>;

/** Imports in a fresh tsx namespace. */
export async function freshLoader(namespace: string, tsconfig: string | undefined): Promise<ImportProjectFile> {
  const { register } = await import('tsx/esm/api');
  const api = register({ namespace, tsconfig });
  const parent = import.meta.url;
  return (url) => api.import(url, parent);
}

// Set once tsx's hooks are registered in this thread (here, or by runner/worker/worker-entry.mjs).
const HOOKS_REGISTERED = Symbol.for('moonpool.tsxHooks');

/** Imports through tsx's loader hooks, registered once in this thread (the first tsconfig wins). */
export function onceLoader(tsconfig: string | undefined): ImportProjectFile {
  const thread = globalThis as { [HOOKS_REGISTERED]?: boolean };
  if (thread[HOOKS_REGISTERED] !== true) {
    thread[HOOKS_REGISTERED] = true;
    // What tsx's own register() does besides registering: stack traces through its source maps.
    process.setSourceMapsEnabled(true);
    registerHooks('tsx/esm', { parentURL: import.meta.url, data: { tsconfig } });
  }
  return (url) => import(url);
}
