// One hook per kind of runner event, in the style of tap's reporter: each component subscribes
// to the slice its event feeds, so a burst of seed-done events re-renders only the progress.
import { useStdout } from 'ink';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { RunStore } from './run-store.js';
import type { RunView } from './run-slices.js';

export const StoreContext = createContext<RunStore | null>(null);

function useSlice<K extends keyof RunView>(key: K): RunView[K] {
  const store = useContext(StoreContext);
  if (!store) throw new Error('moonpool ink UI: components must be rendered inside <App store={…}>.');
  return useSyncExternalStore(store.subscribe, () => store.getView()[key]);
}

/** run-start: layout and worker counts. */
export const useRunStart = () => useSlice('start');
/** case-start, seed-done, case-done: seeds done of planned per layout. */
export const useProgress = () => useSlice('progress');
/** seed-done: totals and live seeds/s and events/s. */
export const useRates = () => useSlice('rates');
/** seed-done hits and coverage events: sometimes/reachable rows. */
export const useCoverage = () => useSlice('coverage');
/** seed-done with a failure: append-only failure items. */
export const useFailures = () => useSlice('failures');
export const useFailuresHidden = () => useSlice('failuresHidden');
/** output: the last few lines workloads wrote. */
export const useOutput = () => useSlice('output');
/** error: problems outside any seed. */
export const useErrors = () => useSlice('errors');
/** run-done: the final summary. */
export const useRunDone = () => useSlice('done');

/** The terminal's height in rows, following resizes; undefined when the output is not a terminal
 * that says (a test's fake stdout). */
export function useTerminalRows(): number | undefined {
  const { stdout } = useStdout();
  const [rows, setRows] = useState(() => stdout.rows);
  useEffect(() => {
    const onResize = () => setRows(stdout.rows);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return rows;
}
