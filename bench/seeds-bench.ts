// Seeds per second of the bundled ping-pong topology through the real CLI, with one worker and
// with one per core. Each figure subtracts a one-seed run of the same command, so process and
// worker start-up do not count against throughput.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { realGlobals } from '../src/core/real-globals.js';

const BIN = new URL('../bin/moonpool-test.mjs', import.meta.url).pathname;

function runCli(seeds: number, workers: number): number {
  const start = realGlobals.performanceNow();
  const result = spawnSync(
    process.execPath,
    [BIN, 'ping-pong', '--layout', '1x1', '--network', 'hostile', '--seeds', String(seeds), '--workers', String(workers), '--reporter', 'plain'],
    { encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  const elapsedMs = realGlobals.performanceNow() - start;
  if (result.status !== 0) throw new Error(`moonpool-test exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return elapsedMs;
}

export function seedsPerSec(seeds: number, workers: number): number {
  const startupMs = Math.min(runCli(1, workers), runCli(1, workers));
  const totalMs = runCli(seeds, workers);
  return (seeds - 1) / ((totalMs - startupMs) / 1000);
}

export const CORES = availableParallelism();
