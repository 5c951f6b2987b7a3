// `--timeline FILE.html`: one seed's timeline as a single self-contained HTML page. Its style and
// script are inline and allowed by hash in a Content-Security-Policy that forbids every fetch, so
// the page works offline from file:// and nothing in the data can run: the data is JSON in a
// non-executed script element (script-json.ts), drawn by view-script.ts through textContent.
import { createHash } from 'node:crypto';
import type { Timeline } from '../../src/internal.js';
import { scriptJson } from './script-json.js';
import { boundTimeline, TIMELINE_VIEW_ENTRIES_MAX } from './timeline-bound.js';
import { VIEW_MARKUP } from './view-markup.js';
import { VIEW_SCRIPT } from './view-script.js';
import { VIEW_STYLE } from './view-style.js';

/** The data the page's script reads from its `#timeline-data` element. */
export interface TimelinePageData {
  timeline: Timeline;
  /** Entries the view dropped at the front to stay within `entriesMax`. */
  droppedByView: number;
  entriesMax: number;
}

export function timelineHtml(timeline: Timeline): string {
  checkTimeline(timeline);
  const { timeline: bounded, droppedByView } = boundTimeline(timeline);
  const data: TimelinePageData = { timeline: bounded, droppedByView, entriesMax: TIMELINE_VIEW_ENTRIES_MAX };
  const title = `moonpool timeline: ${timeline.caseId} seed ${timeline.seed}${timeline.failure === undefined ? '' : ' (failed)'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${VIEW_STYLE}</style>
</head>
<body>
${VIEW_MARKUP}
<script type="application/json" id="timeline-data">${scriptJson(data)}</script>
<script>${VIEW_SCRIPT}</script>
</body>
</html>
`;
}

/** Nothing may be fetched or submitted; only this page's own style and script run. */
function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(VIEW_STYLE)}'`,
    `script-src '${sha256(VIEW_SCRIPT)}'`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** Text for an element or attribute: markup characters and U+2028/2029 as character references. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u2028\u2029]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The recorder's guarantees the page relies on: a failure here is a bug in moonpool. (Times may
 * go back: the failure entry is placed at the failure's own time.) */
function checkTimeline(timeline: Timeline): void {
  const broken = (what: string): never => {
    throw new Error(`moonpool internal invariant broken: the timeline of ${timeline.caseId} seed ${timeline.seed} ${what}; the HTML view draws each entry once, on its process lane at its time.`);
  };
  if (!Array.isArray(timeline.entries) || !Array.isArray(timeline.processes)) broken('has no entries or processes array');
  if (!(Number.isInteger(timeline.dropped) && timeline.dropped >= 0)) broken(`has dropped = ${timeline.dropped}, not a count`);
  let previousSeq = -1;
  for (const entry of timeline.entries) {
    if (typeof entry.process !== 'string' || typeof entry.kind !== 'string' || typeof entry.text !== 'string') broken(`has entry ${entry.seq} without a process, kind or text string`);
    if (!Number.isFinite(entry.timeMs)) broken(`has entry ${entry.seq} at time ${entry.timeMs}`);
    if (!(Number.isInteger(entry.seq) && entry.seq > previousSeq)) broken(`has entry ${entry.seq} after entry ${previousSeq} (seq must rise)`);
    previousSeq = entry.seq;
  }
  if (timeline.failure !== undefined && !Number.isFinite(timeline.failure.timeMs)) broken(`has its failure at time ${timeline.failure.timeMs}`);
}
