// A seed worker: loads the project once, then runs the seeds the pool sends, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { discover, type DiscoveredTopology } from './discovery.js';
import { captureOutput } from './output-capture.js';
import { runRealCase } from './real-mode.js';
import { lostSeedResult } from './seed-failures.js';
import type { FromWorker, SeedJob, ToWorker, WorkerInit } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('runner/worker-main is a worker_threads entry: the worker pool starts it; do not run it directly.');
const post = (message: FromWorker) => port.postMessage(message);

let currentJob: number | undefined;
captureOutput((stream, text) => post({ type: 'output', id: currentJob, stream, text }));

const init = workerData as WorkerInit;
const discovery = await discover(init.loaded, { graph: false });
const byName = new Map<string, DiscoveredTopology>(discovery.topologies.map((t) => [t.name, t]));

async function runJob(job: SeedJob): Promise<void> {
  const topology = byName.get(job.topology);
  const declared = topology?.library.expandLayouts(topology.definition).find((p) => p.caseId === job.caseId);
  const plan = declared && job.livenessMs !== undefined ? { ...declared, topology: { ...declared.topology, livenessTimeoutMs: job.livenessMs } } : declared;
  if (topology === undefined || plan === undefined) {
    const message = `seed ${job.seed} of ${job.caseId} did not run: its worker found no such case in the project (a file changed while the run started, or failed to load: ${discovery.errors.join(' ') || 'no error'}). Re-run the command.`;
    const context = { ...job, classes: [], file: topology?.file ?? 'unknown file', replay: '' };
    post({ type: 'result', id: job.id, result: lostSeedResult(context, 'crash', message, 0) });
    return;
  }
  currentJob = job.id;
  try {
    const result = job.real ? await runRealCase(topology.library, plan, job.replay) : await topology.library.runSeed(plan, job.seed, job.options);
    post({ type: 'result', id: job.id, result });
  } finally {
    currentJob = undefined;
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void runJob(message.job);
});
post({ type: 'ready', errors: discovery.errors });
