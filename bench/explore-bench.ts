// Timelines per second of `--strategy explore` on the topology of seedsPerSec1 (ping-pong 1x1,
// hostile, one worker) through the runner (runTests), read off the runner's own seed-done events over
// the same window of the worker's life as the seeds figure. Beside it: what the child timelines
// cost, since each replays its parent up to its split (the prefix) before drawing anew.
import { parseArgs } from '../runner/cli/cli-args.js';
import { runTests } from '../runner/run/run-tests.js';
import { resolveRunOptions } from '../runner/cli/run-options.js';
import { realGlobals } from '../src/core/real-globals.js';
import type { SeedResult } from '../src/index.js';

// The bundled ping-pong with the bench's own tuned invariants (bench/ping-pong/).
const PROJECT = new URL('./ping-pong/', import.meta.url).pathname;

export interface ExploreFigures {
  timelinesPerSec: number;
  /** Child timelines among those in the window. */
  children: number;
  /** Of a child's events, the share its replayed prefix took (mean over the children). */
  prefixShare: number;
  /** Wall ms per child and per root timeline over the whole run. */
  childWallMs: number;
  rootWallMs: number;
}

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length);

/** Runs `timelines` timelines on one worker; the rate over the window [from, to] of them. */
export async function exploreTimelinesPerSec(timelines: number, [from, to]: readonly [number, number]): Promise<ExploreFigures> {
  if (!(from >= 1 && to > from && to <= timelines)) throw new RangeError(`exploreTimelinesPerSec: window [${from}, ${to}] must lie inside the ${timelines} timelines, after the first`);
  const args = ['ping-pong', '--layout', '1x1', '--network', 'hostile', '--attrition', 'off', '--strategy', `explore:${timelines}`, '--workers', '1'];
  const options = resolveRunOptions(parseArgs(args), { cwd: PROJECT, isTTY: false, ci: true });
  const doneMs: number[] = [];
  const results: SeedResult[] = [];
  const summary = await runTests(options, (event) => {
    if (event.type !== 'seed-done') return;
    doneMs.push(realGlobals.performanceNow());
    results.push(event.result);
  });
  if (!summary.ok || doneMs.length !== timelines) throw new Error(`exploreTimelinesPerSec: the run failed or lost timelines (${doneMs.length} of ${timelines} reported)`);
  const children = results.filter((r) => r.recipe !== undefined);
  const prefix = (r: SeedResult) => Number(/@(\d+)\/\d+$/.exec(r.recipe ?? '')?.[1] ?? 0);
  return {
    timelinesPerSec: (to - from) / ((doneMs[to - 1] - doneMs[from - 1]) / 1000),
    children: results.slice(from - 1, to).filter((r) => r.recipe !== undefined).length,
    prefixShare: mean(children.map((r) => prefix(r) / Math.max(1, r.events))),
    childWallMs: mean(children.map((r) => r.wallMs)),
    rootWallMs: mean(results.filter((r) => r.recipe === undefined).map((r) => r.wallMs)),
  };
}
