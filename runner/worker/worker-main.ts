// A seed worker: loads the project once, then runs the seeds the pool sends, one at a time, in
// the order sent, and sends their results back in batches (result-batch.ts).
// No top-level await: the message listener is attached before the project loads and keeps the
// thread alive, so a load that never settles is a worker that never reports ready (the pool's
// boot watchdog names it) rather than a silent exit with code 13 (unsettled top-level await).
import { parentPort, workerData } from 'node:worker_threads';
import type { CasePlan, SeedResult } from '../../src/internal.js';
import type { Catalog } from '../protocol/catalog.js';
import { catalogOf, discover, type DiscoveredTopology, type Discovery } from './discovery.js';
import { captureOutput } from './output-capture.js';
import { ResultBatch } from './result-batch.js';
import { rejectImportsInSeeds } from './seed-import-hook.js';
import { lostSeedResult } from '../protocol/lost-seed.js';
import { epochNowMs, SeedProgress } from '../protocol/seed-progress.js';
import type { FromWorker, SeedJob, ToWorker, WorkerInit } from '../protocol/messages.js';

const port = parentPort;
if (port === null) throw new Error('runner/worker/worker-main is a worker_threads entry: the worker pool starts it; do not run it directly.');
const post = (message: FromWorker) => port.postMessage(message);

let currentJob: number | undefined;
let wroteOutput = false;
captureOutput((stream, text) => {
  wroteOutput = true;
  post({ type: 'output', id: currentJob, stream, text });
});
rejectImportsInSeeds();
const progress = new SeedProgress(SeedProgress.buffer());
// The real timers, taken before any seed's guard can virtualize them.
const { setTimeout, clearTimeout } = globalThis;
// Unreferenced: the guard counts the thread's referenced timers to find those a seed left behind.
const batch = new ResultBatch((results) => post({ type: 'results', results }), {
  set: (flush, delayMs) => setTimeout(flush, delayMs).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
});

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
  const withImportGraph = init.importGraph === true;
  const discovery = await discover(init.loaded, { once: !withImportGraph });
  return { discovery, byName: new Map(discovery.topologies.map(withPlans)), catalog: catalogOf(discovery, init.loaded.root, withImportGraph) };
}

async function runJob({ discovery, byName }: Project, job: SeedJob): Promise<SeedResult> {
  const found = byName.get(job.topology);
  const topology = found?.topology;
  const plan = found?.plans.get(job.caseId);
  if (topology === undefined || plan === undefined) {
    const detail = `did not run: its worker found no such case in the project (a file changed while the run started, or failed to load: ${discovery.errors.join(' ') || 'no error'}).`;
    const context = { ...job, classes: [], file: topology?.file ?? 'unknown file', replay: '' };
    return lostSeedResult(context, 'crash', { detail, fix: 'Re-run the command.' }, 0);
  }
  currentJob = job.id;
  try {
    const { library } = topology;
    if (!job.real) return await library.runSeed(plan, job.seed, job.options, { splits: job.splits, discoveries: job.discoveries });
    return await library.runRealCase(plan, { livenessTimeoutMs: job.options.livenessTimeoutMs, attrition: job.options.attrition, keepStorage: job.keepStorage });
  } finally {
    currentJob = undefined;
  }
}

// The seeds sent and not begun. The pool sends more before these run out, so the thread never
// waits on a round trip to the main thread between seeds.
const waiting: SeedJob[] = [];
let draining = false;

// Set by the library's guard when a seed ends with real work pending (src/core/real-work-watch.ts).
const REAL_WORK_LEFT = Symbol.for('moonpool.realWorkLeft');
let retiring = false;

async function drain(loaded: Project): Promise<void> {
  for (let job = waiting.shift(); job !== undefined && !retiring; job = waiting.shift()) {
    wroteOutput = false;
    progress.begin(job.id, epochNowMs());
    const result = await runJob(loaded, job);
    retiring = (globalThis as { [REAL_WORK_LEFT]?: boolean })[REAL_WORK_LEFT] === true;
    // The last seed held goes out at once: the pool is waiting on it for more.
    batch.add({ id: job.id, result }, wroteOutput || waiting.length === 0 || retiring);
  }
  if (retiring) post({ type: 'retire' });
  draining = false;
}

const project = loadProject(workerData as WorkerInit);
port.on('message', (message: ToWorker) => {
  if (message.type !== 'run' || retiring) return;
  waiting.push(...message.jobs);
  if (draining) return;
  draining = true;
  void project.then(drain);
});
// A load that throws stays an uncaught error: the worker dies before `ready` with that cause.
void project.then((loaded) => post({ type: 'ready', catalog: loaded.catalog, progress: progress.buffer }));
