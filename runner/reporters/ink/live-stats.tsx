// Live throughput: seeds/s and simulated events/s (wall clock, reporting only), and the
// simulated time covered so far.
import { Text } from 'ink';
import { formatCount, formatDurationMs } from '../format.js';
import { useRates } from './hooks.js';

export function LiveStats() {
  const r = useRates();
  return (
    <Text>
      {r.seedsDone}/{r.seedsPlanned} seeds
      {r.failed > 0 ? <Text color="red"> · {r.failed} failed</Text> : null} · {formatCount(r.seedsPerSec)} seeds/s ·{' '}
      {formatCount(r.eventsPerSec)} events/s · {formatDurationMs(r.simTimeMs)} simulated
    </Text>
  );
}
