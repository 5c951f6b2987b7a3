// Wires watch mode (runner/watch/) to the runner core: each rerun runs on fresh workers, and the
// import graph comes from rediscovering the project here in a fresh tsx namespace, so changed
// files are imported anew.
import { isAbsolute, resolve } from 'node:path';
import type { RunSummary } from '../src/index.js';
import { catalogOf } from './catalog.js';
import { runTests } from './core.js';
import { discover } from './discovery.js';
import type { RunnerEvent } from './events.js';
import type { RunOptions } from './run-options.js';
import { runWatch } from './watch/run-watch.js';

export interface WatchIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  ci: boolean;
  /** Aborted on Ctrl-C (SIGINT): ends the session like `q`, also when stdin is a pipe. */
  signal?: AbortSignal;
}

/** Runs, then reruns on changes until the user quits; resolves with the last run's summary. */
export function watchTests(options: RunOptions, emit: (event: RunnerEvent) => void, io: WatchIo): Promise<RunSummary | undefined> {
  const root = options.loaded.root;
  return runWatch({
    root,
    stdin: io.stdin,
    stdout: io.stdout,
    ci: io.ci,
    signal: io.signal,
    runOnce: (filter, signal) => runTests({ ...options, caseIds: filter.caseIds, seedsFirst: filter.seedsFirst }, emit, signal),
    rediscover: async () => {
      const discovery = await discover(options.loaded); // a fresh tsx namespace each time
      const topologyFiles = new Map<string, string>();
      for (const topology of catalogOf(discovery, root).topologies) {
        const file = isAbsolute(topology.file) ? topology.file : resolve(root, topology.file);
        for (const c of topology.cases) topologyFiles.set(c.caseId, file);
      }
      return { importGraph: discovery.importGraph, topologyFiles, errors: discovery.errors };
    },
  });
}
