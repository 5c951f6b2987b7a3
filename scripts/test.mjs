// Runs every *.test.ts / *.test.tsx under src/, runner/, workloads/ and bench/, and every
// *.test.mjs under scripts/, with node's test runner (tsx loader). Node 20's `--test` has no glob
// support, so the file list is collected here in sorted order. A folder named `fixtures` or
// `*-fixture` holds a project the tests run moonpool against, not tests of this repository:
// its test files are skipped.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const FIXTURE_DIR = /^fixtures$|-fixture$/;

function collect(dir, pattern, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!FIXTURE_DIR.test(name)) collect(path, pattern, out);
    } else if (pattern.test(name)) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [];
for (const dir of ['runner', 'src', 'workloads', 'bench']) collect(dir, /\.test\.tsx?$/, files);
collect('scripts', /\.test\.mjs$/, files);
const chosen = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...chosen],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
