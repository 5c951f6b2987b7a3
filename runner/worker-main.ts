// A seed worker: loads the project once, then runs the seeds the pool sends, one at a time.
// No top-level await: the message listener is attached before the project loads and keeps the
// thread alive, so a load that never settles is a worker that never reports ready (the pool's
// boot watchdog names it) rather than a silent exit with code 13 (unsettled top-level await).
import { parentPort, workerData } from 'node:worker_threads';
import { catalogOf, type Catalog } from './catalog.js';
import { discover, type DiscoveredTopology, type Discovery } from './discovery.js';
import type { CasePlan } from './library-instance.js';
import { captureOutput } from './output-capture.js';
import { runRealCase } from './real-mode.js';
import { lostSeedResult } from './seed-failures.js';
import type { FromWorker, SeedJob, ToWorker, WorkerInit } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('runner/worker-main is a worker_threads entry: the worker pool starts it; do not run it directly.');
const post = (message: FromWorker) => port.postMessage(message);

let currentJob: number | undefined;
captureOutput((stream, text) => post({ type: 'output', id: currentJob, stream, text }));

interface Project {
  discovery: Discovery;
  /** Each topology with its cases' plans by case id, expanded once for every seed. */
  byName: Map<string, { topology: DiscoveredTopology; plans: Map<string, CasePlan> }>;
  catalog: Catalog;
}

function withPlans(topology: DiscoveredTopology) {
  const plans = new Map(topology.library.expandLayouts(topology.definition).map((plan) => [plan.caseId, plan]));
  return [topology.name, { topology, plans }] as const;
}

async function loadProject(init: WorkerInit): Promise<Project> {
  const discovery = await discover(init.loaded, { once: true });
  return { discovery, byName: new Map(discovery.topologies.map(withPlans)), catalog: catalogOf(discovery, init.loaded.root) };
}

async function runJob({ discovery, byName }: Project, job: SeedJob): Promise<void> {
  const found = byName.get(job.topology);
  const topology = found?.topology;
  const plan = found?.plans.get(job.caseId);
  if (topology === undefined || plan === undefined) {
    const message = `seed ${job.seed} of ${job.caseId} did not run: its worker found no such case in the project (a file changed while the run started, or failed to load: ${discovery.errors.join(' ') || 'no error'}). Re-run the command.`;
    const context = { ...job, classes: [], file: topology?.file ?? 'unknown file', replay: '' };
    post({ type: 'result', id: job.id, result: lostSeedResult(context, 'crash', message, 0) });
    return;
  }
  currentJob = job.id;
  try {
    const result = job.real ? await runRealCase(topology.library, plan, job.replay, job.options.livenessTimeoutMs) : await topology.library.runSeed(plan, job.seed, job.options);
    post({ type: 'result', id: job.id, result });
  } finally {
    currentJob = undefined;
  }
}

const project = loadProject(workerData as WorkerInit);
// Seeds run one at a time, in the order sent: the pool may queue the next seed here while one
// runs, so the thread never waits on a round trip to the main thread between seeds.
let queue: Promise<unknown> = project;
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') queue = queue.then(() => project.then((loaded) => runJob(loaded, message.job)));
});
// A load that throws stays an uncaught error: the worker dies before `ready` with that cause.
void project.then((loaded) => post({ type: 'ready', catalog: loaded.catalog }));
