// Helpers for the end-to-end tests that drive the real CLI (bin/moonpool-test.mjs, which runs
// the built dist/runner): where it is, and a clear failure when it has not been built.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const cliBin = resolve(repoRoot, 'bin', 'moonpool-test.mjs');

/** Throws a clear error unless the runner is built (`npm test` builds it first). */
export function requireBuiltCli(): void {
  if (!existsSync(resolve(repoRoot, 'dist', 'runner', 'cli', 'cli.js'))) {
    throw new Error(`${cliBin} runs the built runner, but dist/runner/cli/cli.js is missing: run \`npm run build\` first (npm test does).`);
  }
}

/** Environment variables that make is-in-ci (ink) and the CLI think they run in CI. */
export const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS', 'GITLAB_CI'];

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
