// Development bootstrap of a seed worker (tests, `node --import tsx`): Node 20 ignores
// `--import tsx` in a Worker's execArgv, so tsx's hooks are registered here, with the project's
// tsconfig (as runner/discovery.ts picks it), before the TypeScript worker module loads; the
// worker's discovery then finds them registered (runner/project-loader.ts). The built runner
// starts the compiled dist/runner/worker-main.js directly.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { workerData } from 'node:worker_threads';

const { root, config } = workerData.loaded;
const tsconfig = config.tsconfig !== undefined ? resolve(root, config.tsconfig) : resolve(root, 'tsconfig.json');
process.setSourceMapsEnabled(true);
register('tsx/esm', { parentURL: import.meta.url, data: { tsconfig: existsSync(tsconfig) ? tsconfig : undefined } });
globalThis[Symbol.for('moonpool.tsxHooks')] = true;
await import(workerData.workerMain);
