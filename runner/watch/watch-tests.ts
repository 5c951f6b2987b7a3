// --watch: wires a watch session (watch-session.ts) to the runner. Each rerun is a run of its own
// on fresh workers (runTests), and the import graph comes from a worker that loads the project
// anew in a fresh tsx namespace, so changed files are imported anew and this thread never
// imports the project.
import { isAbsolute, resolve } from 'node:path';
import type { RunSummary } from '../run/events.js';
import type { RunOptions } from '../cli/run-options.js';
import { projectCatalog } from '../pool/worker-pool.js';
import type { RunnerEvent } from '../run/events.js';
import { runTests } from '../run/run-tests.js';
import { runWatch, type WatchProject } from './watch-session.js';

export interface WatchIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  ci: boolean;
  /** Aborted on Ctrl-C (SIGINT): ends the session like `q`, also when stdin is a pipe. */
  signal?: AbortSignal;
}

/** The project as a watch session sees it: the import graph and each case's topology file. */
async function rediscover(options: RunOptions): Promise<WatchProject> {
  const root = options.loaded.root;
  const catalog = await projectCatalog({ loaded: options.loaded, importGraph: true }, options.seedTimeoutMs);
  const topologyFiles = new Map<string, string>();
  for (const topology of catalog.topologies) {
    const file = isAbsolute(topology.file) ? topology.file : resolve(root, topology.file);
    for (const c of topology.cases) topologyFiles.set(c.caseId, file);
  }
  return { importGraph: catalog.importGraph ?? new Map(), topologyFiles, errors: catalog.errors };
}

/** Runs, then reruns on changes until the user quits; resolves with the last run's summary. */
export function watchTests(options: RunOptions, emit: (event: RunnerEvent) => void, io: WatchIo): Promise<RunSummary | undefined> {
  return runWatch({
    root: options.loaded.root,
    stdin: io.stdin,
    stdout: io.stdout,
    ci: io.ci,
    signal: io.signal,
    runOnce: (filter, signal) => runTests({ ...options, caseIds: filter.caseIds, seedsFirst: filter.seedsFirst }, emit, signal),
    rediscover: () => rediscover(options),
  });
}
