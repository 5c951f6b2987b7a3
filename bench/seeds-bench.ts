// Seeds per second of the bundled ping-pong topology (1x1, hostile) through the runner core,
// with one worker and with one per core. The rate is read off the runner's own seed-done events
// between seed `warmSeeds` and the last, so process start-up, each worker's boot and its JIT
// warm-up count against neither figure: this is the steady throughput a long CI run gets.
import { availableParallelism } from 'node:os';
import { parseArgs } from '../runner/cli-args.js';
import { runTests } from '../runner/core.js';
import { resolveRunOptions } from '../runner/run-options.js';
import { realGlobals } from '../src/core/real-globals.js';

const REPO_ROOT = new URL('..', import.meta.url).pathname;

export async function seedsPerSec(seeds: number, workers: number, warmSeeds = 200): Promise<number> {
  if (!(warmSeeds >= 1 && seeds > warmSeeds)) throw new RangeError(`seedsPerSec(${seeds}, ${workers}, ${warmSeeds}): run more seeds than the warm-up`);
  const args = ['ping-pong', '--layout', '1x1', '--network', 'hostile', '--seeds', String(seeds), '--workers', String(workers)];
  const options = resolveRunOptions(parseArgs(args), { cwd: REPO_ROOT, isTTY: false, ci: true });
  const doneMs: number[] = [];
  const summary = await runTests(options, (event) => {
    if (event.type === 'seed-done') doneMs.push(realGlobals.performanceNow());
  });
  if (!summary.ok || doneMs.length !== seeds) throw new Error(`seedsPerSec: the run failed or lost seeds (${doneMs.length} of ${seeds} reported)`);
  return (seeds - warmSeeds) / ((doneMs[seeds - 1] - doneMs[warmSeeds - 1]) / 1000);
}

export const CORES = availableParallelism();
