// The cases of a project without running them (--list, tests): one seed worker loads the project
// and reports its catalog, as in a run, so a workload file that exits or hangs while loading
// cannot take this thread with it.
import { selectCases, type CaseList } from './case-list.js';
import type { RunOptions } from './run-options.js';
import { WorkerPool } from './worker-pool.js';

export async function listCases(options: RunOptions): Promise<CaseList> {
  const pool = new WorkerPool({ size: 1, init: { loaded: options.loaded }, seedTimeoutMs: options.seedTimeoutMs });
  try {
    return selectCases(await pool.catalog(), options);
  } finally {
    await pool.close();
  }
}
