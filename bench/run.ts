// `npm run bench`: every figure beside its baseline measured in the same run; a table, then
// (last) one JSON line. Timing lives here and never in a test's pass/fail.
import { floorEventsPerSec, simEventsPerSec } from './core-bench.js';
import { floorRttPerSec } from './floor-rtt.js';
import { rttPerSec } from '../src/transport/transport.bench-support.js';
import { httpRequestsPerSec } from '../src/http/http.bench-support.js';
import { buggifyCallsPerSec } from '../src/chaos/buggify.bench-support.js';
import { CORES, seedsPerSec, type WindowFigures } from './seeds-bench.js';
import { scalingAccount } from './scaling-account.js';
import type { CpuPerSeed } from './thread-cpu.js';
import { rssGrowth } from './rss-bench.js';
import { startupMs } from './startup-bench.js';
import { kvSeedsPerSec, rebootCost, type KvFigures } from './attrition-bench.js';
import { REBOOTS } from './reboot-loop.js';
import { floorStorageOpsPerSec, storageOpsPerSec } from './storage-bench.js';
import { exploreTimelinesPerSec, type ExploreFigures } from './explore-bench.js';
import { BASELINE_COMMIT, traceOverhead } from './trace-bench.js';

const WARMUPS = 2;
const RUNS = 3;

/** The best of RUNS timed runs of a figure and of its baseline, alternated so a slow phase of
 * the machine hits both alike, after WARMUPS untimed runs of each: steady-state throughput once
 * the JIT has compiled the code (the transport stack takes a few runs to get there). */
async function bestSideBySide(figure: () => Promise<number>, baseline: () => Promise<number>): Promise<[number, number]> {
  for (let i = 0; i < WARMUPS; i++) {
    await baseline();
    await figure();
  }
  let [top, base] = [0, 0];
  for (let i = 0; i < RUNS; i++) {
    base = Math.max(base, await baseline());
    top = Math.max(top, await figure());
  }
  return [top, base];
}

const [simEvents, floorEvents] = await bestSideBySide(async () => (await simEventsPerSec(300_000)).perSec, async () => (await floorEventsPerSec(300_000)).perSec);
const [rtt, floorRtt] = await bestSideBySide(() => rttPerSec(20_000), () => floorRttPerSec(50_000));
// node:http over the same simulated network, beside the transport's round trips: the same
// client/server shape (1x1, perfect), each request a GET on a kept-alive connection.
const [httpRps, httpRtt] = await bestSideBySide(() => httpRequestsPerSec(5_000), () => rttPerSec(20_000));
const [storageOps, floorStorageOps] = await bestSideBySide(() => storageOpsPerSec(20_000), () => floorStorageOpsPerSec(20_000));
let buggify = 0;
for (let i = 0; i < WARMUPS + RUNS; i++) buggify = Math.max(buggify, (await buggifyCallsPerSec(200_000)).perSec);
// Alternated pairs, the best of each side: a slow phase of the machine hits both alike. Each
// worker runs 3,500 seeds, whatever the worker count, and both sides are read over the same
// windows of a worker's life: seeds 200-1,000 (warm-up: TurboFan compiling the hot code, on the
// same cores as the workers) and seeds 2,000-3,500 (steady: the target's figure). In between,
// TurboFan still compiles functions that run only a few times per seed, which reach V8's tier-up
// budget after 1,000-2,000 seeds: the helper threads' CPU per seed there is 2-3x the steady
// window's, so that window is printed to stderr only. Every run goes to stderr: on a shared VM
// identical runs can differ by a third.
const SEED_PAIRS = 3;
const SEEDS_PER_WORKER = 3_500;
const WARMUP_WINDOW = [200, 1_000] as const;
const TIER_UP_WINDOW = [1_000, 2_000] as const;
const STEADY_WINDOW = [2_000, 3_500] as const;
const windowText = ([from, to]: readonly [number, number]) => `${from.toLocaleString('en-US')}-${to.toLocaleString('en-US')}`;
const seedRuns: string[] = [];
type Side = { warmup: WindowFigures | undefined; steady: WindowFigures | undefined };
const seeds1: Side = { warmup: undefined, steady: undefined };
const seedsN: Side = { warmup: undefined, steady: undefined };
const better = (best: WindowFigures | undefined, run: WindowFigures) => (best === undefined || run.seedsPerSec > best.seedsPerSec ? run : best);
const cpuText = ({ cpu }: WindowFigures) => (cpu ? ` [${cpu.workerMs.toFixed(2)}+${cpu.mainMs.toFixed(2)}+${cpu.helperMs.toFixed(2)} ms]` : '');
for (let i = 0; i < SEED_PAIRS; i++) {
  for (const side of i % 2 === 0 ? [seeds1, seedsN] : [seedsN, seeds1]) {
    const workers = side === seeds1 ? 1 : CORES;
    const [warmup, tierUp, steady] = await seedsPerSec(workers, SEEDS_PER_WORKER, [WARMUP_WINDOW, TIER_UP_WINDOW, STEADY_WINDOW]);
    seedRuns.push(`${workers}w ${[warmup, tierUp, steady].map((f) => f.seedsPerSec.toFixed(0)).join('/')}${cpuText(tierUp)}${cpuText(steady)}`);
    side.warmup = better(side.warmup, warmup);
    side.steady = better(side.steady, steady);
  }
}
const windows = [WARMUP_WINDOW, TIER_UP_WINDOW, STEADY_WINDOW].map(windowText).join(' / ');
console.error(`seeds/s runs in order (seeds ${windows} of each worker) [CPU per seed in the last two: worker + main + helper threads]: ${seedRuns.join(', ')}`);
const rate = (figures: WindowFigures | undefined) => figures?.seedsPerSec ?? 0;
// --strategy explore on the same topology and worker count as seedsPerSec1, over the same window
// of the worker's life; the best of two runs.
let explore: ExploreFigures | undefined;
for (let i = 0; i < 2; i++) {
  const run = await exploreTimelinesPerSec(SEEDS_PER_WORKER, STEADY_WINDOW);
  console.error(`explore timelines/s run ${i + 1}: ${run.timelinesPerSec.toFixed(0)} (${run.children} children in the window, prefix ${(run.prefixShare * 100).toFixed(0)}% of a child's events, ${run.childWallMs.toFixed(2)} ms per child, ${run.rootWallMs.toFixed(2)} ms per root)`);
  if (explore === undefined || run.timelinesPerSec > explore.timelinesPerSec) explore = run;
}
const explored = explore as ExploreFigures;
// The steady ratio taken apart, from the two runs it compares (see scaling-account.ts).
const withCpu = (figures: WindowFigures | undefined): figures is WindowFigures & { cpu: CpuPerSeed } => figures?.cpu !== undefined;
const [one, many] = [seeds1.steady, seedsN.steady];
const account = withCpu(one) && withCpu(many) ? { one: one.cpu, many: many.cpu, ...scalingAccount(CORES, one, many) } : undefined;
const rssStartMs = performance.now();
const rss = await rssGrowth(1_000, 10_000);
console.error(`rss bench took ${Math.round(performance.now() - rssStartMs)} ms`);
// kv-store with its attrition beside the same run without, alternated, the best of each side.
const KV_SEEDS = 400;
const KV_WARMUP_SEEDS = 100;
let kvOff: KvFigures | undefined;
let kvOn: KvFigures | undefined;
const bestKv = (best: KvFigures | undefined, run: KvFigures) => (best === undefined || run.seedsPerSec > best.seedsPerSec ? run : best);
for (let i = 0; i < 2; i++) {
  kvOff = bestKv(kvOff, await kvSeedsPerSec('off', KV_SEEDS, KV_WARMUP_SEEDS));
  kvOn = bestKv(kvOn, await kvSeedsPerSec('on', KV_SEEDS, KV_WARMUP_SEEDS));
}
const kv = { off: kvOff as KvFigures, on: kvOn as KvFigures };
let reboot = await rebootCost(REBOOTS);
for (let i = 0; i < 2; i++) {
  const run = await rebootCost(REBOOTS);
  if (run.microsPerReboot < reboot.microsPerReboot) reboot = run;
}
// The timeline recorder: kv-store events/s with its hooks in and recording off, beside the tree
// of the last commit before it; and recording every entry, beside off.
const trace = traceOverhead(300, 50, 3);
if (trace.baselineWhy !== undefined) console.error(`traceOverheadOff: ${trace.baselineWhy}`);
const STARTUP_RUNS = 9;
const startup = startupMs(STARTUP_RUNS);

type Row = [string, number, string, string];
const rows: Row[] = [
  ['floor loop events/s (heap + setImmediate)', floorEvents, '', 'baseline'],
  ['SimWorld events/s, 1 invariant per event', simEvents, `${(simEvents / floorEvents).toFixed(2)} x floor`, '>= 0.5'],
  ['floor loop round trips/s', floorRtt, '', 'baseline'],
  ['transport round trips/s (1x1, perfect)', rtt, `${(rtt / floorRtt).toFixed(2)} x floor`, '>= 0.4'],
  ['node:http requests/s (1x1, perfect, keep-alive)', httpRps, `${(httpRps / httpRtt).toFixed(2)} x transport`, ''],
  ['floor loop storage rounds/s (Map of pages)', floorStorageOps, '', 'baseline'],
  ['storage rounds/s (write 4 KiB + sync + read, perfect)', storageOps, `${(storageOps / floorStorageOps).toFixed(2)} x floor`, '>= 0.3'],
  ['buggify() calls/s (buggify on)', buggify, '', ''],
  ['ping-pong 1x1 hostile seeds/s, 1 worker', rate(seeds1.steady), '', 'baseline'],
  ['  the same, --strategy explore timelines/s, 1 worker', explored.timelinesPerSec, `${(explored.timelinesPerSec / rate(seeds1.steady)).toFixed(2)} x seeds/s`, ''],
  ['    a child\'s replayed prefix, % of its events', explored.prefixShare * 100, `${explored.childWallMs.toFixed(2)} vs ${explored.rootWallMs.toFixed(2)} ms/root`, ''],
  [`ping-pong 1x1 hostile seeds/s, ${CORES} workers`, rate(seedsN.steady), `${(rate(seedsN.steady) / rate(seeds1.steady)).toFixed(2)} x 1 worker`, '>= 1.7'],
  ...accountRows(),
  [`  the same, warm-up (seeds ${windowText(WARMUP_WINDOW)}), 1 worker`, rate(seeds1.warmup), '', 'baseline'],
  [`  the same, warm-up (seeds ${windowText(WARMUP_WINDOW)}), ${CORES} workers`, rate(seedsN.warmup), `${(rate(seedsN.warmup) / rate(seeds1.warmup)).toFixed(2)} x 1 worker`, ''],
  ['kv-store 3x2 seeds/s, --attrition off, 1 worker', kv.off.seedsPerSec, `${kv.off.eventsPerSeed.toFixed(0)} events/seed`, 'baseline'],
  ['kv-store 3x2 seeds/s, its attrition, 1 worker', kv.on.seedsPerSec, `${(kv.on.seedsPerSec / kv.off.seedsPerSec).toFixed(2)} x off`, ''],
  [`kv-store events/s at ${BASELINE_COMMIT.slice(0, 7)}, before the timeline recorder`, trace.baseline ?? 0, trace.baseline === undefined ? 'needs the git history' : '', 'baseline'],
  ['kv-store events/s, recorder compiled in, recording off', trace.off, trace.baseline === undefined ? '' : `${(trace.off / trace.baseline).toFixed(2)} x before`, '>= 0.97'],
  ['kv-store events/s, recording the timeline', trace.on, `${(trace.on / trace.off).toFixed(2)} x off`, ''],
  ['  events per seed with attrition', kv.on.eventsPerSeed, `${kv.on.rebootsPerSeed.toFixed(2)} reboots/seed`, ''],
  ['one reboot (crash, restart, listen), us', reboot.microsPerReboot, `${reboot.eventsPerReboot.toFixed(1)} events each`, ''],
  ['RSS after 10,000 / after 1,000 seeds', rss.ratio, `${rss.afterFirstMb.toFixed(0)} -> ${rss.afterTotalMb.toFixed(0)} MB`, '<= 1.2'],
  [`node --test one TS test, ms (median of ${STARTUP_RUNS})`, startup.nodeTestMs, '', 'baseline'],
  [`moonpool-test one seed, ms (median of ${STARTUP_RUNS})`, startup.moonpoolMs, `${(startup.moonpoolMs / startup.nodeTestMs).toFixed(2)} x node:test`, '< 1'],
];
function accountRows(): Row[] {
  if (account === undefined) return [];
  const others = (cpu: CpuPerSeed) => `+ ${cpu.mainMs.toFixed(2)} main, ${cpu.helperMs.toFixed(2)} helpers`;
  return [
    ['  CPU ms per seed in its worker, 1 worker', account.one.workerMs, others(account.one), ''],
    [`  CPU ms per seed in its worker, ${CORES} workers`, account.many.workerMs, others(account.many), ''],
    [`  = ${CORES} x share left to workers`, account.helperShare, 'main + V8 helper threads', ''],
    ['    x lone worker CPU / each worker CPU', account.workerCpu, 'cache, memory, host', ''],
    ['    x cores kept busy', account.busy, 'waits for a core or work', ''],
  ];
}
const round3 = (value: number) => Number(value.toFixed(3));
const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));
console.log('metric'.padEnd(52) + 'value'.padStart(12) + '  ' + 'side by side'.padEnd(26) + 'target');
for (const [name, value, ratio, target] of rows) {
  console.log(name.padEnd(52) + format(value).padStart(12) + '  ' + ratio.padEnd(26) + target);
}
console.log(
  JSON.stringify({
    floorEventsPerSec: Math.round(floorEvents),
    simEventsPerSec: Math.round(simEvents),
    floorRttPerSec: Math.round(floorRtt),
    rttPerSec: Math.round(rtt),
    httpRequestsPerSec: Math.round(httpRps),
    httpRttPerSec: Math.round(httpRtt),
    buggifyCallsPerSec: Math.round(buggify),
    floorStorageOpsPerSec: Math.round(floorStorageOps),
    storageOpsPerSec: Math.round(storageOps),
    seedsPerSec1: Number(rate(seeds1.steady).toFixed(1)),
    exploreTimelinesPerSec: Number(explored.timelinesPerSec.toFixed(1)),
    explorePrefixShare: round3(explored.prefixShare),
    seedsPerSecN: Number(rate(seedsN.steady).toFixed(1)),
    seedsPerSec1Warmup: Number(rate(seeds1.warmup).toFixed(1)),
    seedsPerSecNWarmup: Number(rate(seedsN.warmup).toFixed(1)),
    seedsScaling: account && { helperShare: round3(account.helperShare), workerCpu: round3(account.workerCpu), busy: round3(account.busy) },
    workers: CORES,
    seedsPerSecAttrition: Number(kv.on.seedsPerSec.toFixed(1)),
    seedsPerSecAttritionOff: Number(kv.off.seedsPerSec.toFixed(1)),
    rebootMicros: Math.round(reboot.microsPerReboot),
    traceOverheadOff: trace.baseline === undefined ? null : round3(trace.off / trace.baseline),
    traceOverheadOn: round3(trace.on / trace.off),
    eventsPerReboot: round3(reboot.eventsPerReboot),
    rssGrowth: Number(rss.ratio.toFixed(3)),
    startupMs: Math.round(startup.moonpoolMs),
    nodeTestStartupMs: Math.round(startup.nodeTestMs),
  }),
);
