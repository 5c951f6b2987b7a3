// Start-up: `moonpool-test` on a one-seed trivial workload, from spawn to exit, beside a
// one-test node:test run of a TypeScript file (tsx), the way a user would run either.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { realGlobals } from '../src/core/real-globals.js';
import { median } from './median.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./startup-fixture/', import.meta.url));

function timeMs(args: string[], cwd: string): number {
  const start = realGlobals.performanceNow();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return realGlobals.performanceNow() - start;
}

export function startupMs(runs: number): { moonpoolMs: number; nodeTestMs: number } {
  const moonpool: number[] = [];
  const nodeTest: number[] = [];
  // Alternated, so a slow phase of the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    moonpool.push(timeMs([`${ROOT}bin/moonpool-test.mjs`, '--seeds', '1'], FIXTURE));
    nodeTest.push(timeMs(['--import', 'tsx', '--test', 'one.test.ts'], FIXTURE));
  }
  return { moonpoolMs: median(moonpool), nodeTestMs: median(nodeTest) };
}
