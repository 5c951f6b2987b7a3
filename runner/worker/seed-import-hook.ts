// A loader hook for seed workers: a dynamic import() while a seed runs rejects with the reason
// and the fix. Without it the import would finish at a real time (the loader answers on its own
// thread, even for a module loaded already) and the seed would pass or fail by chance.
import { register } from 'node:module';

// Shared with the library's guard, which counts the seeds running in this thread there.
const FLAG_KEY = Symbol.for('moonpool.seedRunningFlag');
// Tells the guard this hook answers for dynamic imports (it leaves the loader's port alone).
const IMPORT_HOOK_KEY = Symbol.for('moonpool.importHook');

const HOOK_SOURCE = `
let flag;
export function initialize(data) { flag = data.flag; }
export async function resolve(specifier, context, next) {
  if (context.parentURL !== undefined && Atomics.load(flag, 0) > 0) {
    throw Object.assign(
      new Error('dynamic import(' + JSON.stringify(specifier) + ') in ' + context.parentURL + ' during a seed: the module loader answers at a real time, so the seed could not replay. Import it at the top of the file (a static import).'),
      { code: 'ERR_MOONPOOL_IMPORT_IN_SEED' },
    );
  }
  return next(specifier, context);
}`;

/** Registers the hook in this thread, before the project loads. */
export function rejectImportsInSeeds(): void {
  const thread = globalThis as { [FLAG_KEY]?: Int32Array; [IMPORT_HOOK_KEY]?: boolean };
  const flag = (thread[FLAG_KEY] ??= new Int32Array(new SharedArrayBuffer(4)));
  thread[IMPORT_HOOK_KEY] = true;
  register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`, { data: { flag } });
}
