// `npm run bench:paired -- [caps] [rounds]`: the second-worker slowdown of ping-pong 1x1
// `hostile` seeds, for each cap on the workers' young generation (MB, 0 = V8's own sizing;
// default "0"), measured in one process with a warm pair of workers per cap, the caps taking
// turns round by round so a phase of the host hits each alike. Prints one JSON line per cap.
// A diagnostic for the seeds ratio (see README, Performance); `npm run bench` stays the figure.
import { Worker } from 'node:worker_threads';
import { pairedFactors, type PairedRound } from './paired-scaling.js';
import type { PairedWork } from './paired-worker.js';

const caps = (process.argv[2] ?? '0').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 16);
if (!(caps.every((cap) => Number.isInteger(cap) && cap >= 0) && Number.isInteger(rounds) && rounds >= 1)) {
  throw new RangeError(`usage: npm run bench:paired -- <young-generation caps in MB, e.g. 0,12> <rounds>; got "${process.argv[2]}" "${process.argv[3]}"`);
}
const WARMUP_SEEDS = 3_000;
const SEEDS_PER_RUN = 150;

// Under tsx the worker needs the runner's bootstrap, which registers tsx's hooks first.
function startWorker(youngMb: number): { worker: Worker; ready: Promise<unknown> } {
  const workerData = { workerMain: new URL('./paired-worker.ts', import.meta.url).href, tsconfig: new URL('../tsconfig.json', import.meta.url).pathname };
  const worker = new Worker(new URL('../runner/worker/worker-entry.mjs', import.meta.url), { workerData, ...(youngMb > 0 && { resourceLimits: { maxYoungGenerationSizeMb: youngMb } }) });
  return { worker, ready: new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject)) };
}

function work(worker: Worker, seeds: number): Promise<PairedWork> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.postMessage(seeds);
  });
}

// Every worker is listening before any loads, so no 'ready' goes unheard.
const pairs = caps.map((cap) => [startWorker(cap), startWorker(cap)] as const);
for (const pair of pairs) {
  await Promise.all(pair.map(({ ready }) => ready));
  await Promise.all(pair.map(({ worker }) => work(worker, WARMUP_SEEDS)));
}
const results: PairedRound[][] = caps.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [i, [first, second]] of pairs.entries()) {
    const solo = await work((round % 2 === 0 ? first : second).worker, SEEDS_PER_RUN);
    const pair = await Promise.all([work(first.worker, SEEDS_PER_RUN), work(second.worker, SEEDS_PER_RUN)]);
    results[i].push({ seeds: SEEDS_PER_RUN, solo, pair });
  }
}
for (const [i, cap] of caps.entries()) {
  const factors = pairedFactors(results[i]);
  const rounded = Object.fromEntries(Object.entries(factors).map(([key, value]) => [key, Number(value.toFixed(3))]));
  console.log(JSON.stringify({ youngGenerationMb: cap === 0 ? 'default' : cap, rounds, seedsPerRun: SEEDS_PER_RUN, ...rounded }));
}
await Promise.all(pairs.flat().map(({ worker }) => worker.terminate()));
