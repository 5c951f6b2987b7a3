// Builds dist/: tsc, then scripts/bundle.mjs, then dist/.build-stamp (see build-stamp.mjs).
// With --if-stale it does nothing when the stamp matches the inputs: `npm ci` builds through
// `prepare`, and `npm test` reuses that build unless a source changed since.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInputsHash, readStamp, STAMP } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const hash = buildInputsHash(root);
const stamp = join(root, STAMP);
if (process.argv.includes('--if-stale') && readStamp(root) === hash) {
  console.log('dist/ was built from the sources as they are (dist/.build-stamp): not rebuilding');
  process.exit(0);
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Each build starts from an empty dist/: tsc never deletes the output of a module that moved or
// went away, and the package ships dist/. A build that stops half-way leaves no stamp, so the
// next one starts over.
rmSync(join(root, 'dist'), { recursive: true, force: true });
run([createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
run(['scripts/bundle.mjs']);
writeFileSync(stamp, hash);
