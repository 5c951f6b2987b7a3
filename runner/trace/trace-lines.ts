// --trace: a seed's timeline as text, one line per entry.
import type { Timeline, TimelineEntry } from '../../src/internal.js';
import { plural } from '../reporters/format.js';
import type { TraceFilter } from './trace-filter.js';

/** `  1578.832 ms  #2986  node#1    deliver ← node#0 38 B response id=1`; a failure report's
 * few lines pass the widths of their own columns. */
export function traceLine(entry: TimelineEntry, processWidth: number, timeWidth = 12, eventWidth = 7): string {
  return `${entry.timeMs.toFixed(3).padStart(timeWidth)} ms  #${String(entry.eventIndex).padEnd(eventWidth)} ${entry.process.padEnd(processWidth)}  ${entry.text}`;
}

/** The timeline's entries that pass `filter`, as lines under a heading that says what was kept. */
export function traceLines(timeline: Timeline, filter: TraceFilter, filterText: string | undefined): string[] {
  const shown = timeline.entries.filter(filter);
  const processWidth = Math.max(4, ...shown.map((entry) => entry.process.length));
  const kept = filterText === undefined ? `${plural(shown.length, 'entry', 'entries')}` : `${shown.length} of ${plural(timeline.entries.length, 'entry', 'entries')} matching "${filterText}"`;
  const dropped = timeline.dropped > 0 ? `; the first ${plural(timeline.dropped, 'entry', 'entries')} were dropped (timeline bound)` : '';
  const lines = [`timeline of ${timeline.caseId} seed ${timeline.seed}: ${kept}${dropped}`];
  for (const entry of shown) lines.push(traceLine(entry, processWidth));
  if (timeline.failure !== undefined) lines.push(`failed at event #${timeline.failure.eventIndex}, ${timeline.failure.timeMs.toFixed(3)} ms: ${timeline.failure.message}`);
  return lines;
}
