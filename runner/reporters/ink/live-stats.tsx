// Live throughput: seeds/s and simulated events/s (wall clock, reporting only), and the
// simulated time covered so far.
import { Text } from 'ink';
import { formatCount, formatDurationMs, plural } from '../format.js';
import { useRates } from './hooks.js';

/** Rows LiveStats takes on screen. */
export const LIVE_STATS_ROWS = 1;

export function LiveStats() {
  const r = useRates();
  return (
    <Text wrap="truncate">
      {r.seedsDone} of {plural(r.seedsPlanned, 'seed')}
      {r.failed > 0 ? <Text color="red"> · {r.failed} failed</Text> : null} · {formatCount(r.seedsPerSec)} seeds/s ·{' '}
      {formatCount(r.eventsPerSec)} events/s · {formatDurationMs(r.simTimeMs)} simulated
    </Text>
  );
}
