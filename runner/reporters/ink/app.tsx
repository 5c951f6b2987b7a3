// The Ink UI of a run: failures above (static), then either the live area (progress, rates,
// coverage, output) or, once the run is done, the summary.
import { Box } from 'ink';
import { CoverageTable } from './coverage-table.js';
import { FailureLog } from './failure-log.js';
import { StoreContext, useRunDone } from './hooks.js';
import { LiveStats } from './live-stats.js';
import { OutputLog } from './output-log.js';
import { ProgressList } from './progress-list.js';
import { RunSummary } from './run-summary.js';
import type { RunStore } from './run-store.js';

export function App({ store }: { store: RunStore }) {
  return (
    <StoreContext.Provider value={store}>
      <FailureLog />
      <Screen />
    </StoreContext.Provider>
  );
}

function Screen() {
  const done = useRunDone();
  if (done) return <RunSummary />;
  return (
    <Box flexDirection="column">
      <ProgressList />
      <LiveStats />
      <CoverageTable />
      <OutputLog />
    </Box>
  );
}
