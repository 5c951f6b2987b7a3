// The HTML view's size bound: a timeline past TIMELINE_VIEW_ENTRIES_MAX entries keeps its last
// ones (the failure is the last entry, and what led to it comes just before), and every string an
// entry carries is cut at TIMELINE_VIEW_TEXT_CHARS_MAX characters, so a page stays a few tens of
// MB at most and opens in a browser in about a second.
import type { Timeline, TimelineEntry, TimelineValue } from '../../src/internal.js';

/** Entries the HTML view keeps, the last ones. */
export const TIMELINE_VIEW_ENTRIES_MAX = 50_000;
/** Characters kept of an entry's text and of each string field. */
export const TIMELINE_VIEW_TEXT_CHARS_MAX = 2_000;

export interface BoundedTimeline {
  /** The timeline as the view shows it; its `dropped` counts the recorder's drops and the view's. */
  timeline: Timeline;
  /** Entries this bound dropped at the front (part of `timeline.dropped`). */
  droppedByView: number;
}

export function boundTimeline(timeline: Timeline, entriesMax = TIMELINE_VIEW_ENTRIES_MAX): BoundedTimeline {
  if (!(Number.isInteger(entriesMax) && entriesMax > 0)) throw new Error(`moonpool internal invariant broken: boundTimeline entriesMax ${entriesMax} is not a positive integer`);
  const droppedByView = Math.max(0, timeline.entries.length - entriesMax);
  const entries = timeline.entries.slice(droppedByView).map(boundEntry);
  return { timeline: { ...timeline, entries, dropped: timeline.dropped + droppedByView }, droppedByView };
}

function boundEntry(entry: TimelineEntry): TimelineEntry {
  const text = boundText(entry.text);
  const fields = entry.fields === undefined ? undefined : boundFields(entry.fields);
  if (text === entry.text && fields === entry.fields) return entry;
  return fields === undefined ? { ...entry, text } : { ...entry, text, fields };
}

function boundFields(fields: Record<string, TimelineValue>): Record<string, TimelineValue> {
  const pairs = Object.entries(fields);
  if (!pairs.some(([, value]) => typeof value === 'string' && value.length > TIMELINE_VIEW_TEXT_CHARS_MAX)) return fields;
  // fromEntries defines keys as own data properties, so even a field named `__proto__` is kept.
  return Object.fromEntries(pairs.map(([key, value]) => [key, typeof value === 'string' ? boundText(value) : value]));
}

function boundText(text: string): string {
  if (text.length <= TIMELINE_VIEW_TEXT_CHARS_MAX) return text;
  return `${text.slice(0, TIMELINE_VIEW_TEXT_CHARS_MAX)}… (${text.length - TIMELINE_VIEW_TEXT_CHARS_MAX} more characters)`;
}
