// One seed worker of the paired scaling bench (paired-scaling.ts): runs the bench's ping-pong
// (bench/ping-pong/) 1x1 under `hostile`, as many seeds as each message asks, and answers with
// the CPU its own thread used and the wall time they took.
import { parentPort } from 'node:worker_threads';
import { expandLayouts, runSeed, topologyOf } from 'moonpool/internal';
import { PingPong } from './ping-pong/topology.js';
import { ownThreadCpuMs } from './thread-cpu.js';
import { realGlobals } from '../src/core/real-globals.js';

export interface PairedWork {
  cpuMs: number;
  wallMs: number;
}

const port = parentPort;
if (port === null) throw new Error('bench/paired-worker is a worker_threads entry; run bench/paired-run.ts');
const definition = topologyOf(PingPong);
const plan = definition && expandLayouts(definition).find((candidate) => candidate.caseId === 'ping-pong[1x1]');
if (plan === undefined) throw new Error('the ping-pong topology has no 1x1 layout');
if (ownThreadCpuMs() === undefined) throw new Error('bench:paired reads each thread\'s CPU from /proc/thread-self, which only Linux has');
const cpuMs = () => ownThreadCpuMs() as number;
let seed = 1;
const work = async (seeds: number): Promise<void> => {
  const [cpuBefore, wallBefore] = [cpuMs(), realGlobals.performanceNow()];
  for (const end = seed + seeds; seed < end; seed++) {
    const result = await runSeed(plan, seed, { network: 'hostile', attrition: 'off' });
    if (!result.ok) throw new Error(`seed ${seed} failed: ${result.failure?.message}`);
  }
  port.postMessage({ cpuMs: cpuMs() - cpuBefore, wallMs: realGlobals.performanceNow() - wallBefore } satisfies PairedWork);
};
// A failure is left unhandled on purpose: it ends the worker, and paired-run.ts rejects on its 'error'.
port.on('message', (seeds: number) => void work(seeds));
port.postMessage('ready');
