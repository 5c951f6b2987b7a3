// The Ink UI of a run: failures above (static), then either the live area (progress, rates,
// coverage, output) or, once the run is done, the summary.
import { Box } from 'ink';
import { CoverageTable, coverageRowsMax } from './coverage-table.js';
import { FailureLog } from './failure-log.js';
import { StoreContext, useErrors, useFailuresHidden, useOutput, useProgress, useRunDone, useTerminalRows } from './hooks.js';
import { LIVE_STATS_ROWS, LiveStats } from './live-stats.js';
import { OutputLog } from './output-log.js';
import { ProgressList, progressRowsUsed } from './progress-list.js';
import { RunSummaryView } from './run-summary.js';
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
  if (done) return <RunSummaryView />;
  return <LiveArea />;
}

/** The coverage table takes the rows the terminal has left under the other parts. */
function LiveArea() {
  const terminalRows = useTerminalRows();
  const layouts = useProgress().length;
  const hidden = useFailuresHidden();
  const outputRows = useOutput().length + useErrors().length;
  const usedRows = progressRowsUsed(layouts, hidden) + LIVE_STATS_ROWS + outputRows;
  return (
    <Box flexDirection="column">
      <ProgressList />
      <LiveStats />
      <CoverageTable rowsMax={coverageRowsMax(terminalRows, usedRows)} />
      <OutputLog />
    </Box>
  );
}
