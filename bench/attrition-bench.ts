// What process attrition costs: seeds/s of the bundled kv-store (3x2, hostile) with its
// attrition and with `--attrition off`, through the runner (runTests) on one worker, and the cost of
// one reboot on its own (a nemesis rebooting an idle service over and over).
import { parseArgs } from '../runner/cli/cli-args.js';
import { runTests } from '../runner/run/run-tests.js';
import { resolveRunOptions } from '../runner/cli/run-options.js';
import { realGlobals } from '../src/core/real-globals.js';
import { expandLayouts, runSeed, topologyOf } from 'moonpool/internal';
import { RebootLoop } from './reboot-loop.js';

const REPO_ROOT = new URL('..', import.meta.url).pathname;

export interface KvFigures {
  seedsPerSec: number;
  eventsPerSeed: number;
  rebootsPerSeed: number;
}

/** kv-store 3x2 seeds/s on one worker, over the seeds after the first `warmup`. */
export async function kvSeedsPerSec(attrition: 'on' | 'off', seeds: number, warmup: number): Promise<KvFigures> {
  const args = ['kv-store', '--layout', '3x2', '--seeds', String(seeds), '--workers', '1', '--attrition', attrition];
  const options = resolveRunOptions(parseArgs(args), { cwd: REPO_ROOT, isTTY: false, ci: true });
  const doneMs: number[] = [];
  let events = 0;
  let reboots = 0;
  const summary = await runTests(options, (event) => {
    if (event.type !== 'seed-done') return;
    doneMs.push(realGlobals.performanceNow());
    if (doneMs.length <= warmup) return;
    events += event.result.events;
    reboots += event.result.reboots?.length ?? 0;
  });
  if (!summary.ok || doneMs.length !== seeds) throw new Error(`kvSeedsPerSec(${attrition}): the run failed or lost seeds (${doneMs.length} of ${seeds})`);
  const measured = seeds - warmup;
  return {
    seedsPerSec: measured / ((doneMs[seeds - 1] - doneMs[warmup - 1]) / 1000),
    eventsPerSeed: events / measured,
    rebootsPerSeed: reboots / measured,
  };
}

export interface RebootCost {
  eventsPerReboot: number;
  microsPerReboot: number;
}

/** One seed of RebootLoop: `count` crash-and-restart cycles of an idle service. */
export async function rebootCost(count: number): Promise<RebootCost> {
  const plan = expandLayouts(topologyOf(RebootLoop)!)[0];
  const started = realGlobals.performanceNow();
  const result = await runSeed(plan, 1, {});
  const wallMs = realGlobals.performanceNow() - started;
  if (!result.ok || result.reboots?.length !== count) throw new Error(`rebootCost: ${result.failure?.message ?? `${result.reboots?.length} reboots`}`);
  return { eventsPerReboot: result.events / count, microsPerReboot: (wallMs * 1000) / count };
}
