// Development bootstrap of a seed worker (tests, `node --import tsx`): Node 20 ignores
// `--import tsx` in a Worker's execArgv, so tsx's hooks are registered here, with the project's
// tsconfig (runner/pool/worker-thread.ts passes it), before the TypeScript worker module loads;
// the worker's discovery then finds them registered (runner/worker/project-loader.ts). The built
// runner starts the compiled dist/runner/worker/worker-main.js directly.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

// A configured tsconfig that does not exist is left to discovery, which names it.
const tsconfig = workerData.tsconfig !== undefined && existsSync(workerData.tsconfig) ? workerData.tsconfig : undefined;
process.setSourceMapsEnabled(true);
register('tsx/esm', { parentURL: import.meta.url, data: { tsconfig } });
globalThis[Symbol.for('moonpool.tsxHooks')] = true;
await import(workerData.workerMain);
