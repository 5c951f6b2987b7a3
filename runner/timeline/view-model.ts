// Part of the page's script (view-script.ts puts the parts together, in this order): constants,
// formatting, the model built from the embedded timeline (kinds, lanes, lane tracks, positions on
// both axes, messages, shaded windows, the failure), the view's state and the page's elements.
export const VIEW_MODEL = String.raw`const LANE_H = 48;
const AXIS_H = 30;
const LABEL_W = 210;
const PAD_X = 30;
const PAD_RIGHT = 160; // room for the failure's label after the last entry
const ROW_H = 22;
const TRACK_Y = [12, 24, 36]; // lifecycle and faults, network, the workload's own
const HIT_PX = 10;
const MARKER_GAP_PX = 2; // closer markers of one kind on one lane track are drawn once
const LABELS_PER_FRAME_MAX = 800;
const CONTENT_W_MAX = 8000000; // below the browsers' limit on an element's width
const SEARCH_DELAY_MS = 120;

const byId = (id) => document.getElementById(id);
const payload = JSON.parse(byId('timeline-data').textContent);
const timeline = payload.timeline;
const entries = timeline.entries;
const n = entries.length;
const failure = timeline.failure || null;

const KINDS = new Map([
  ['connect', { color: '#2f9e44', track: 1, shape: 'triangle', about: 'connection opened' }],
  ['close', { color: '#868e96', track: 1, shape: 'square', about: 'connection closed' }],
  ['reset', { color: '#f76707', track: 1, shape: 'cross', about: 'connection reset' }],
  ['send', { color: '#1971c2', track: 1, shape: 'dot', about: 'bytes written' }],
  ['deliver', { color: '#0c8599', track: 1, shape: 'ring', about: 'bytes delivered' }],
  ['fault', { color: '#e8590c', track: 0, shape: 'bolt', about: 'injected fault' }],
  ['reboot', { color: '#c92a2a', track: 0, shape: 'down', about: 'process stopped' }],
  ['start', { color: '#2b8a3e', track: 0, shape: 'up', about: 'process (re)started' }],
  ['buggify', { color: '#ae3ec9', track: 2, shape: 'diamond', about: 'buggify site fired' }],
  ['assert', { color: '#4c6ef5', track: 2, shape: 'tick', about: 'assertion evaluated' }],
  ['state', { color: '#f59f00', track: 2, shape: 'square', about: 'registered state changed' }],
  ['task', { color: '#adb5bd', track: 2, shape: 'small', about: 'task started, ended or failed' }],
  ['user', { color: '#d6336c', track: 2, shape: 'flag', about: 'trace(name, fields)' }],
  ['failure', { color: '#e03131', track: 0, shape: 'failure', about: 'the seed failure' }],
]);
const OTHER_KIND = { color: '#495057', track: 2, shape: 'dot', about: 'other' };
const STROKED = new Set(['ring', 'cross', 'tick']);
const FONT = '11px ' + getComputedStyle(document.body).getPropertyValue('--sans');

// ---- formatting
const fmtInt = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
function fmtMs(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  const whole = Math.trunc(ms);
  const frac = Math.abs(ms - whole);
  const digits = frac === 0 ? '' : frac.toFixed(3).slice(1).replace(/0+$/, '');
  return (ms < 0 && whole === 0 ? '-' : '') + fmtInt(whole) + digits + ' ms';
}
function fmtTick(ms, stepMs) {
  if (stepMs >= 1000) {
    const digits = Math.max(0, -Math.floor(Math.log10(stepMs / 1000) + 1e-9));
    return (ms / 1000).toFixed(digits) + ' s';
  }
  const digits = Math.max(0, -Math.floor(Math.log10(stepMs) + 1e-9));
  return ms.toFixed(digits) + ' ms';
}
const fieldText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
const clamp = (value, lo, hi) => Math.min(hi, Math.max(lo, value));

// ---- the model: kinds, lanes, tracks, messages, spans
const kindNames = [];
const kindIndexOf = new Map();
const entryKind = new Int32Array(n);
const kindCount = [];
for (let i = 0; i < n; i++) {
  const kind = entries[i].kind;
  if (!kindIndexOf.has(kind)) { kindIndexOf.set(kind, kindNames.length); kindNames.push(kind); kindCount.push(0); }
  entryKind[i] = kindIndexOf.get(kind);
  kindCount[entryKind[i]]++;
}
const kindInfo = kindNames.map((kind) => KINDS.get(kind) || OTHER_KIND);
const kindShown = kindNames.map(() => true);

const lanes = [];
const laneOf = new Map();
function addLane(id, host) {
  if (laneOf.has(id)) return;
  laneOf.set(id, lanes.length);
  lanes.push({ id, host, count: 0 });
}
for (const process of timeline.processes) addLane(String(process.id), String(process.host || ''));
addLane('sim', '');
for (const entry of entries) addLane(entry.process, '');
const entryLane = new Int32Array(n);
for (let i = 0; i < n; i++) {
  entryLane[i] = laneOf.get(entries[i].process);
  lanes[entryLane[i]].count++;
}

let t0 = Infinity;
let tEnd = -Infinity;
for (const e of entries) { t0 = Math.min(t0, e.timeMs); tEnd = Math.max(tEnd, e.timeMs); }
if (failure !== null) { t0 = Math.min(t0, failure.timeMs); tEnd = Math.max(tEnd, failure.timeMs); }
if (!Number.isFinite(t0)) { t0 = 0; tEnd = 0; }
const posTime = new Float64Array(n);
const posOrder = new Float64Array(n);
for (let i = 0; i < n; i++) { posTime[i] = entries[i].timeMs - t0; posOrder[i] = i; }

// Each lane track's entries, sorted by position on the axis shown. Entries come in time order,
// except that a failure entry is placed at the failure's own time: sorted again only then.
const trackListsOrder = [];
{
  const lists = lanes.flatMap(() => [[], [], []]);
  for (let i = 0; i < n; i++) lists[entryLane[i] * 3 + kindInfo[entryKind[i]].track].push(i);
  for (const list of lists) trackListsOrder.push(Int32Array.from(list));
}
let timeOrdered = true;
for (let i = 1; i < n && timeOrdered; i++) timeOrdered = entries[i].timeMs >= entries[i - 1].timeMs;
const trackListsTime = timeOrdered ? trackListsOrder : trackListsOrder.map((list) => Int32Array.from(list).sort((a, b) => posTime[a] - posTime[b] || a - b));
let trackLists = trackListsTime;
/** The first entry at or after time t (n when none; near it when entries are out of time order). */
function firstAtTime(t) {
  let lo = 0;
  let hi = n;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (entries[mid].timeMs < t) lo = mid + 1; else hi = mid; }
  return lo;
}

const sendOf = new Map(); // deliver index -> send index
const deliversOf = new Map(); // send index -> deliver indexes
{
  const sendById = new Map();
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    if (e.kind === 'send' && typeof e.messageId === 'number') sendById.set(e.messageId, i);
  }
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    if (e.kind !== 'deliver' || typeof e.messageId !== 'number' || !sendById.has(e.messageId)) continue;
    const send = sendById.get(e.messageId);
    sendOf.set(i, send);
    if (!deliversOf.has(send)) deliversOf.set(send, []);
    deliversOf.get(send).push(i);
  }
}
const arrowFrom = Int32Array.from(sendOf.values());
const arrowTo = Int32Array.from(sendOf.keys());
/** Sends with a peer lane whose bytes were never delivered: lost, or in flight at the end. */
const lostSends = [];
for (let i = 0; i < n; i++) {
  const e = entries[i];
  if (e.kind === 'send' && typeof e.messageId === 'number' && !deliversOf.has(i) && e.peer !== undefined && laneOf.has(e.peer)) lostSends.push(i);
}

/** Shaded windows: a process down (reboot to its next start), a fault with fields.durationMs. */
const spans = [];
{
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    const fields = e.fields || {};
    if (e.kind === 'reboot') {
      let end = -1;
      for (let j = i + 1; j < n; j++) if (entries[j].kind === 'start' && entryLane[j] === entryLane[i]) { end = j; break; }
      const endTime = end >= 0 ? entries[end].timeMs : typeof fields.downMs === 'number' ? e.timeMs + fields.downMs : tEnd;
      spans.push({ kind: 'down', lane: entryLane[i], from: i, endTime, endIndex: end >= 0 ? end : Math.min(n - 1, firstAtTime(endTime)) });
    } else if (e.kind === 'fault' && typeof fields.durationMs === 'number' && fields.durationMs > 0) {
      const endTime = e.timeMs + fields.durationMs;
      spans.push({ kind: 'fault', lane: entryLane[i], from: i, endTime, endIndex: Math.min(n - 1, firstAtTime(endTime)) });
    }
  }
}

let failIndex = -1;
for (let i = n - 1; i >= 0; i--) if (entries[i].kind === 'failure') { failIndex = i; break; }
const failLane = failIndex >= 0 ? entryLane[failIndex] : laneOf.get('sim');

// ---- view state
let axis = 'time';
let pos = posTime;
let scale = 1; // px per unit: per ms on the time axis, per entry in event order
let fitted = true;
let viewW = 0;
let viewH = 0;
let selected = -1;
let query = '';
let queryActive = false;
const shown = new Uint8Array(n).fill(1);
let visible = Int32Array.from({ length: n }, (_, i) => i);
const stats = { frames: 0, lastDrawMs: 0, markersDrawn: 0 };

const span = () => (axis === 'time' ? Math.max(tEnd - t0, 1e-3) : Math.max(n - 1, 1));
const failPos = () => (failure === null && failIndex < 0 ? null : failIndex >= 0 ? pos[failIndex] : axis === 'time' ? failure.timeMs - t0 : Math.max(n - 1, 0));
const fitScale = () => Math.max(viewW - PAD_X - PAD_RIGHT, 40) / span();
const scaleMax = () => Math.max(fitScale(), Math.min(axis === 'time' ? 4000 : 160, CONTENT_W_MAX / span()));
const contentW = () => Math.round(PAD_X + span() * scale + PAD_RIGHT);
const xOf = (i) => PAD_X + pos[i] * scale;
const spanEndPos = (s) => (axis === 'time' ? s.endTime - t0 : s.endIndex);

// ---- DOM
const plot = byId('plot');
const sizer = byId('sizer');
const axisCanvas = byId('axis');
const canvas = byId('canvas');
const labels = byId('labels');
const corner = byId('corner');
const overlay = byId('overlay');
const marker = byId('failure-marker');
const list = byId('list');
const listSizer = byId('list-sizer');
const listRows = byId('list-rows');
const search = byId('search');
const tip = byId('tip');

function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
`;
