// Watch mode's entry: off in CI (a CI job must end), where it runs once and says why.
import type { RunSummary } from '../../src/index.js';
import { WatchSession } from './watch-session.js';
import type { WatchDeps } from './watch-types.js';

export type { WatchDeps, WatchFilter, WatchProject } from './watch-types.js';

export async function runWatch(deps: WatchDeps): Promise<RunSummary | undefined> {
  if (deps.ci) {
    deps.stdout.write('moonpool-test: --watch is off in CI (CI is set), so the tests run once. Unset CI to watch.\n');
    return deps.runOnce({}, deps.signal ?? new AbortController().signal);
  }
  return new WatchSession(deps).run();
}
