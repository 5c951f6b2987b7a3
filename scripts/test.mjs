// Runs every *.test.ts / *.test.tsx under src/, runner/, workloads/ and bench/ with node's test runner (tsx loader).
// Node 20's `--test` has no glob support, so the file list is collected here in sorted order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect('bench', collect('workloads', collect('src', collect('runner', [])))).filter(
  (f) => filters.length === 0 || filters.some((x) => f.includes(x)),
);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
