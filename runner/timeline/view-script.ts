// The page's script: draws the embedded timeline on two canvases (the time axis and the lanes)
// inside one native scroll area, with the lane labels, the failure marker, a virtual list of the
// entries and the details panel in the DOM. Canvas because a page must stay responsive with tens
// of thousands of entries: a frame draws only what is in view, markers of one kind closer than
// 2 px on a lane track once, and arrows between two lanes that fall on the same pixels once.
// Everything from the data reaches the page through textContent or fillText, never as markup.
//
// Plain browser JavaScript kept as text (no template literals or `${` inside, so String.raw
// holds it as written); timeline-html.test.ts parses it and the Chromium test runs it.
// window.moonpoolTimeline exposes a read-only summary, locate(seq) and select(seq) for tests and
// the console.
export const VIEW_SCRIPT = String.raw`(() => {
'use strict';
const LANE_H = 48;
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
const maxScale = () => Math.max(fitScale(), Math.min(axis === 'time' ? 4000 : 160, CONTENT_W_MAX / span()));
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

// ---- shapes (shared by the plot and the legend)
function addShape(ctx, shape, x, y) {
  switch (shape) {
    case 'dot': ctx.moveTo(x + 3.6, y); ctx.arc(x, y, 3.6, 0, 2 * Math.PI); break;
    case 'small': ctx.moveTo(x + 2.4, y); ctx.arc(x, y, 2.4, 0, 2 * Math.PI); break;
    case 'ring': ctx.moveTo(x + 3.6, y); ctx.arc(x, y, 3.6, 0, 2 * Math.PI); break;
    case 'square': ctx.rect(x - 3.5, y - 3.5, 7, 7); break;
    case 'triangle': ctx.moveTo(x - 4, y - 5); ctx.lineTo(x + 5, y); ctx.lineTo(x - 4, y + 5); ctx.closePath(); break;
    case 'cross': ctx.moveTo(x - 4, y - 4); ctx.lineTo(x + 4, y + 4); ctx.moveTo(x + 4, y - 4); ctx.lineTo(x - 4, y + 4); break;
    case 'tick': ctx.moveTo(x, y - 5); ctx.lineTo(x, y + 5); break;
    case 'diamond': ctx.moveTo(x, y - 5.5); ctx.lineTo(x + 5, y); ctx.lineTo(x, y + 5.5); ctx.lineTo(x - 5, y); ctx.closePath(); break;
    case 'bolt':
      ctx.moveTo(x + 1.5, y - 7); ctx.lineTo(x - 4.5, y + 1); ctx.lineTo(x - 0.5, y + 1); ctx.lineTo(x - 1.5, y + 7);
      ctx.lineTo(x + 4.5, y - 1); ctx.lineTo(x + 0.5, y - 1); ctx.closePath(); break;
    case 'down': ctx.moveTo(x - 5.5, y - 5); ctx.lineTo(x + 5.5, y - 5); ctx.lineTo(x, y + 5); ctx.closePath(); break;
    case 'up': ctx.moveTo(x - 5.5, y + 5); ctx.lineTo(x + 5.5, y + 5); ctx.lineTo(x, y - 5); ctx.closePath(); break;
    case 'flag': ctx.rect(x - 0.8, y - 6, 1.6, 12); ctx.moveTo(x + 0.8, y - 6); ctx.lineTo(x + 8, y - 3); ctx.lineTo(x + 0.8, y); ctx.closePath(); break;
    case 'failure': ctx.moveTo(x + 7, y); ctx.arc(x, y, 7, 0, 2 * Math.PI); break;
    default: ctx.moveTo(x + 3.6, y); ctx.arc(x, y, 3.6, 0, 2 * Math.PI);
  }
}
function paintShape(ctx, shape, color) {
  if (STROKED.has(shape)) { ctx.strokeStyle = color; ctx.lineWidth = shape === 'ring' ? 1.8 : 2.2; ctx.stroke(); } else { ctx.fillStyle = color; ctx.fill(); }
}
function sizeCanvas(target, width, height) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (target.width !== w) target.width = w;
  if (target.height !== h) target.height = h;
  target.style.width = width + 'px';
  target.style.height = height + 'px';
  const ctx = target.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
function iconCanvas(draw) {
  const icon = document.createElement('canvas');
  const ctx = sizeCanvas(icon, 18, 16);
  draw(ctx);
  return icon;
}

// ---- header, failure banner, legend, lanes
function fillHeader() {
  byId('case').textContent = timeline.caseId + '  seed ' + timeline.seed;
  const parts = [fmtInt(n) + ' entries', fmtInt(lanes.length) + ' lanes'];
  if (n > 0) parts.push(fmtMs(t0) + ' to ' + fmtMs(tEnd));
  byId('stats').textContent = parts.join(' · ');
  if (timeline.dropped > 0) {
    const notice = byId('notice');
    notice.hidden = false;
    notice.textContent = fmtInt(timeline.dropped) + ' earlier entries were dropped' +
      (payload.droppedByView > 0 ? ' (' + fmtInt(payload.droppedByView) + ' by this view, which keeps the last ' + fmtInt(payload.entriesMax) + ')' : '') +
      ': the timeline starts at entry ' + (n > 0 ? fmtInt(entries[0].seq) : '-') + '.';
  }
  if (failure === null) return;
  byId('failure-banner').hidden = false;
  byId('goto-failure').hidden = false;
  byId('failure-kind').textContent = failure.kind + ' failure';
  byId('failure-where').textContent = 'at ' + fmtMs(failure.timeMs) + ' · event ' + fmtInt(failure.eventIndex) +
    (failIndex >= 0 ? ' · ' + entries[failIndex].process : '') + (failure.where ? ' · ' + failure.where : '');
  byId('failure-message').textContent = failure.message;
  marker.hidden = false;
  marker.title = failure.message;
}

function fillLegend() {
  const legend = byId('legend');
  const order = [...KINDS.keys()].filter((kind) => kindIndexOf.has(kind)).concat(kindNames.filter((kind) => !KINDS.has(kind)));
  for (const kind of order) {
    const k = kindIndexOf.get(kind);
    const info = kindInfo[k];
    const item = node('button', 'legend-item');
    item.type = 'button';
    item.dataset.kind = kind;
    item.setAttribute('aria-pressed', 'true');
    item.title = info.about + ': click to hide or show';
    item.append(iconCanvas((ctx) => { ctx.beginPath(); addShape(ctx, info.shape, 9, 8); paintShape(ctx, info.shape, info.color); }), node('span', '', kind), node('span', 'count', fmtInt(kindCount[k])));
    item.addEventListener('click', () => {
      kindShown[k] = !kindShown[k];
      item.setAttribute('aria-pressed', String(kindShown[k]));
      applyFilter();
    });
    legend.append(item);
  }
  legend.append(node('span', 'legend-sep'));
  const statics = [
    ['message', (ctx) => { ctx.strokeStyle = '#1971c2'; ctx.lineWidth = 1.4; ctx.beginPath(); ctx.moveTo(1, 13); ctx.lineTo(16, 3); ctx.moveTo(16, 3); ctx.lineTo(10, 4); ctx.moveTo(16, 3); ctx.lineTo(13, 8); ctx.stroke(); }],
    ['undelivered', (ctx) => { ctx.strokeStyle = '#868e96'; ctx.lineWidth = 1.4; ctx.setLineDash([3, 2]); ctx.beginPath(); ctx.moveTo(2, 4); ctx.lineTo(14, 13); ctx.stroke(); }],
    ['process down', (ctx) => { ctx.fillStyle = downPattern(ctx); ctx.fillRect(0, 2, 18, 12); ctx.fillStyle = '#c92a2a'; ctx.fillRect(0, 2, 18, 2); }],
    ['fault window', (ctx) => { ctx.fillStyle = 'rgba(232, 89, 12, 0.12)'; ctx.fillRect(0, 2, 18, 12); ctx.fillStyle = '#e8590c'; ctx.fillRect(0, 12, 18, 2); }],
  ];
  for (const [label, draw] of statics) {
    const item = node('span', 'legend-item');
    item.append(iconCanvas(draw), node('span', '', label));
    legend.append(item);
  }
}

function fillLanes() {
  for (let l = 0; l < lanes.length; l++) {
    const lane = lanes[l];
    const row = node('div', 'lane' + (lane.id === 'sim' ? ' sim' : ''));
    row.style.height = LANE_H + 'px';
    row.dataset.process = lane.id;
    row.title = lane.id + (lane.host ? ' on ' + lane.host : '') + ': click to search its entries';
    row.append(node('div', 'lane-id', lane.id), node('div', 'lane-meta', (lane.host ? lane.host + ' · ' : lane.id === 'sim' ? 'the world · ' : '') + fmtInt(lane.count) + ' entries'));
    row.addEventListener('click', () => { search.value = 'process:' + (/\s/.test(lane.id) ? '"' + lane.id + '"' : lane.id); applyFilter(); });
    labels.append(row);
  }
}

// ---- layout and drawing
/** The sticky pieces: the axis pinned at the top, the labels at the left, the lanes canvas
 * filling the rest of the view; the sizer gives the scroll area the content's full size. */
let plotSize = ''; // what layout() last fitted, so a resize observed at start does not lay out twice
function layout() {
  plotSize = plot.clientWidth + 'x' + plot.clientHeight;
  viewW = Math.max(plot.clientWidth - LABEL_W, 60);
  const lanesH = lanes.length * LANE_H;
  viewH = Math.max(1, Math.min(plot.clientHeight - AXIS_H, lanesH));
  scale = fitted ? fitScale() : clamp(scale, fitScale(), maxScale());
  sizer.style.width = LABEL_W + contentW() + 'px';
  sizer.style.height = AXIS_H + lanesH + 'px';
  corner.style.width = LABEL_W + 'px';
  corner.style.height = AXIS_H + 'px';
  labels.style.width = LABEL_W + 'px';
  labels.style.marginTop = AXIS_H + 'px';
  axisCanvas.style.marginLeft = LABEL_W + 'px';
  axisCanvas.style.left = LABEL_W + 'px';
  canvas.style.marginLeft = LABEL_W + 'px';
  canvas.style.marginTop = AXIS_H + 'px';
  canvas.style.left = LABEL_W + 'px';
  canvas.style.top = AXIS_H + 'px';
  overlay.style.left = LABEL_W + 'px';
  overlay.style.top = AXIS_H + 'px';
  sizeCanvas(axisCanvas, viewW, AXIS_H);
  sizeCanvas(canvas, viewW, viewH);
  const failAt = failPos();
  if (failAt !== null) marker.style.transform = 'translate(' + (PAD_X + failAt * scale - 11) + 'px, ' + (failLane * LANE_H + TRACK_Y[0] - 11) + 'px)';
  requestDraw();
}

let drawQueued = false;
function requestDraw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(draw);
}

function niceStep(raw) {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const mantissa = raw / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
}
/** Ticks in view: [x in canvas px, label]. */
function ticks(scrollX) {
  const out = [];
  const step = axis === 'time' ? niceStep(120 / scale) : Math.max(1, niceStep(120 / scale));
  const u0 = (scrollX - PAD_X) / scale;
  const u1 = (scrollX + viewW - PAD_X) / scale;
  const base = axis === 'time' ? t0 : 0;
  for (let a = Math.ceil((base + u0) / step) * step; a <= base + u1 + 1e-9; a += step) {
    const x = PAD_X + (a - base) * scale - scrollX;
    out.push([x, axis === 'time' ? fmtTick(a, step) : a < n ? '#' + fmtInt(entries[Math.round(a)].seq) : '']);
  }
  return out;
}

function lowerBound(listOfIndexes, unit) {
  let lo = 0;
  let hi = listOfIndexes.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (pos[listOfIndexes[mid]] < unit) lo = mid + 1; else hi = mid; }
  return lo;
}
const isShown = (i) => kindShown[entryKind[i]];
const isDim = (i) => queryActive && !shown[i];

function draw() {
  drawQueued = false;
  const started = performance.now();
  const scrollX = plot.scrollLeft;
  const scrollY = plot.scrollTop;
  const tickList = ticks(scrollX);
  drawAxis(tickList);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, viewW, viewH);
  const laneFirst = Math.max(0, Math.floor(scrollY / LANE_H));
  const laneLast = Math.min(lanes.length - 1, Math.floor((scrollY + viewH) / LANE_H));
  for (let l = laneFirst; l <= laneLast; l++) {
    const y = l * LANE_H - scrollY;
    ctx.fillStyle = lanes[l].id === 'sim' ? '#f7f5ff' : l % 2 ? '#fbfcfd' : '#ffffff';
    ctx.fillRect(0, y, viewW, LANE_H);
    ctx.fillStyle = '#e2e5eb';
    ctx.fillRect(0, y + LANE_H - 1, viewW, 1);
  }
  ctx.fillStyle = 'rgba(29, 34, 48, 0.06)';
  for (const [x] of tickList) ctx.fillRect(Math.round(x), 0, 1, viewH);
  drawSpans(ctx, scrollX, scrollY);
  const failAt = failPos();
  if (failAt !== null) {
    const x = Math.round(PAD_X + failAt * scale - scrollX) + 0.5;
    ctx.save(); ctx.strokeStyle = 'rgba(224, 49, 49, 0.7)'; ctx.lineWidth = 1.5; ctx.setLineDash([5, 4]);
    ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, viewH); ctx.stroke(); ctx.restore();
  }
  drawArrows(ctx, scrollX, scrollY);
  drawMarkers(ctx, scrollX, scrollY, laneFirst, laneLast);
  if (selected >= 0) {
    const x = xOf(selected) - scrollX;
    const y = entryLane[selected] * LANE_H - scrollY + TRACK_Y[kindInfo[entryKind[selected]].track];
    ctx.save(); ctx.strokeStyle = '#1d2230'; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(x, y, 9, 0, 2 * Math.PI); ctx.stroke(); ctx.restore();
  }
  stats.frames++;
  stats.lastDrawMs = performance.now() - started;
}

function drawAxis(tickList) {
  const ctx = axisCanvas.getContext('2d');
  ctx.clearRect(0, 0, viewW, AXIS_H);
  ctx.fillStyle = '#fafbfc';
  ctx.fillRect(0, 0, viewW, AXIS_H);
  ctx.fillStyle = '#e2e5eb';
  ctx.fillRect(0, AXIS_H - 1, viewW, 1);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (const [x, label] of tickList) {
    ctx.fillStyle = '#9aa1b1';
    ctx.fillRect(Math.round(x), AXIS_H - 7, 1, 6);
    ctx.fillStyle = '#4a5263';
    ctx.fillText(label, Math.round(x) + 4, AXIS_H / 2 - 2);
  }
  const failAt = failPos();
  if (failAt !== null) {
    const x = PAD_X + failAt * scale - plot.scrollLeft;
    if (x > -40 && x < viewW + 40) {
      ctx.fillStyle = '#e03131';
      ctx.beginPath(); ctx.moveTo(x - 6, AXIS_H - 8); ctx.lineTo(x + 6, AXIS_H - 8); ctx.lineTo(x, AXIS_H - 1); ctx.closePath(); ctx.fill();
    }
  }
}

let hatch = null;
/** Diagonal red hatching: a process that is down. */
function downPattern(ctx) {
  if (hatch === null) {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const t = tile.getContext('2d');
    t.fillStyle = 'rgba(201, 42, 42, 0.07)';
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = 'rgba(201, 42, 42, 0.22)';
    t.lineWidth = 1.5;
    t.beginPath(); t.moveTo(-2, 10); t.lineTo(10, -2); t.moveTo(6, 10); t.lineTo(10, 6); t.moveTo(-2, 2); t.lineTo(2, -2); t.stroke();
    hatch = ctx.createPattern(tile, 'repeat');
  }
  return hatch;
}
function drawSpans(ctx, scrollX, scrollY) {
  for (const s of spans) {
    if (!isShown(s.from)) continue;
    const x0 = xOf(s.from) - scrollX;
    const x1 = Math.max(PAD_X + spanEndPos(s) * scale - scrollX, x0 + 2);
    if (x1 < 0 || x0 > viewW) continue;
    const y = s.lane * LANE_H - scrollY;
    if (y + LANE_H < 0 || y > viewH) continue;
    const dim = isDim(s.from);
    ctx.globalAlpha = dim ? 0.35 : 1;
    ctx.fillStyle = s.kind === 'down' ? downPattern(ctx) : 'rgba(232, 89, 12, 0.08)';
    ctx.fillRect(x0, y + 2, x1 - x0, LANE_H - 4);
    ctx.fillStyle = s.kind === 'down' ? '#c92a2a' : '#e8590c';
    ctx.fillRect(x0, s.kind === 'down' ? y + 2 : y + LANE_H - 4, x1 - x0, 2);
  }
  ctx.globalAlpha = 1;
}

function drawArrows(ctx, scrollX, scrollY) {
  const laneY = (l) => l * LANE_H - scrollY + TRACK_Y[1];
  const lit = new Path2D();
  const dim = new Path2D();
  const bold = new Path2D();
  let count = 0;
  // Zoomed out, many arrows between two lanes fall on the same pixels: each is drawn once.
  const lastX0 = new Float64Array(lanes.length * lanes.length).fill(-Infinity);
  const lastX1 = new Float64Array(lanes.length * lanes.length).fill(-Infinity);
  for (let a = 0; a < arrowFrom.length; a++) {
    const from = arrowFrom[a];
    const to = arrowTo[a];
    if (!isShown(from) || !isShown(to)) continue;
    const x0 = xOf(from) - scrollX;
    const x1 = xOf(to) - scrollX;
    if (Math.max(x0, x1) < -10 || Math.min(x0, x1) > viewW + 10) continue;
    const y0 = laneY(entryLane[from]);
    const y1 = laneY(entryLane[to]);
    if (Math.max(y0, y1) < -LANE_H || Math.min(y0, y1) > viewH + LANE_H) continue;
    const isBold = from === selected || to === selected;
    const pair = entryLane[from] * lanes.length + entryLane[to];
    if (!isBold && Math.abs(x0 - lastX0[pair]) < 1.5 && Math.abs(x1 - lastX1[pair]) < 1.5) continue;
    lastX0[pair] = x0;
    lastX1[pair] = x1;
    const path = isBold ? bold : isDim(from) && isDim(to) ? dim : lit;
    path.moveTo(x0, y0);
    path.lineTo(x1, y1);
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length > 14) {
      const angle = Math.atan2(y1 - y0, x1 - x0);
      path.moveTo(x1 - 4 * Math.cos(angle), y1 - 4 * Math.sin(angle));
      path.lineTo(x1 - 11 * Math.cos(angle - 0.4), y1 - 11 * Math.sin(angle - 0.4));
      path.moveTo(x1 - 4 * Math.cos(angle), y1 - 4 * Math.sin(angle));
      path.lineTo(x1 - 11 * Math.cos(angle + 0.4), y1 - 11 * Math.sin(angle + 0.4));
    }
    count++;
  }
  ctx.lineWidth = 1.1;
  ctx.strokeStyle = queryActive ? 'rgba(25, 113, 194, 0.07)' : count > 600 ? 'rgba(25, 113, 194, 0.22)' : 'rgba(25, 113, 194, 0.5)';
  ctx.stroke(queryActive ? dim : lit);
  if (queryActive) { ctx.strokeStyle = 'rgba(25, 113, 194, 0.6)'; ctx.stroke(lit); }
  ctx.lineWidth = 2.2;
  ctx.strokeStyle = '#1d2230';
  ctx.stroke(bold);
  const lost = new Path2D();
  for (const i of lostSends) {
    if (!isShown(i) || isDim(i)) continue;
    const x = xOf(i) - scrollX;
    if (x < -20 || x > viewW + 20) continue;
    const y = laneY(entryLane[i]);
    if (y < -LANE_H || y > viewH + LANE_H) continue;
    const toward = laneOf.get(entries[i].peer) > entryLane[i] ? 1 : -1;
    lost.moveTo(x, y);
    lost.lineTo(x + 12, y + toward * 16);
  }
  ctx.save(); ctx.setLineDash([3, 2]); ctx.lineWidth = 1.3; ctx.strokeStyle = '#868e96'; ctx.stroke(lost); ctx.restore();
}

function drawMarkers(ctx, scrollX, scrollY, laneFirst, laneLast) {
  const kinds = kindNames.length;
  const points = Array.from({ length: kinds * 2 }, () => []);
  const lastX = new Float64Array(kinds * 2);
  const labelled = [];
  const margin = 12 / scale;
  for (let l = laneFirst; l <= laneLast; l++) {
    for (let track = 0; track < 3; track++) {
      const indexes = trackLists[l * 3 + track];
      if (indexes.length === 0) continue;
      const y = l * LANE_H - scrollY + TRACK_Y[track];
      lastX.fill(-Infinity);
      const uLeft = (scrollX - PAD_X) / scale - margin;
      const uRight = (scrollX + viewW - PAD_X) / scale + margin;
      for (let j = lowerBound(indexes, uLeft); j < indexes.length; j++) {
        const i = indexes[j];
        if (pos[i] > uRight) break;
        const k = entryKind[i];
        if (!kindShown[k]) continue;
        const x = PAD_X + pos[i] * scale - scrollX;
        const slot = k * 2 + (isDim(i) ? 1 : 0);
        if (x - lastX[slot] >= MARKER_GAP_PX) {
          lastX[slot] = x;
          points[slot].push(x, y);
        }
        if (!isDim(i) && labelled.length < LABELS_PER_FRAME_MAX * 4) {
          const next = j + 1 < indexes.length ? PAD_X + pos[indexes[j + 1]] * scale - scrollX : viewW + 400;
          if (next - x >= 64) labelled.push(i, x, y, next - x);
        }
      }
    }
  }
  let drawn = 0;
  for (let slot = 0; slot < points.length; slot++) {
    const list = points[slot];
    if (list.length === 0) continue;
    const info = kindInfo[slot >> 1];
    ctx.globalAlpha = slot & 1 ? 0.13 : 1;
    ctx.beginPath();
    for (let p = 0; p < list.length; p += 2) addShape(ctx, info.shape, list[p], list[p + 1]);
    paintShape(ctx, info.shape, info.color);
    if (info.shape === 'failure') {
      ctx.beginPath();
      for (let p = 0; p < list.length; p += 2) {
        const x = list[p];
        const y = list[p + 1];
        ctx.moveTo(x - 3, y - 3); ctx.lineTo(x + 3, y + 3); ctx.moveTo(x + 3, y - 3); ctx.lineTo(x - 3, y + 3);
      }
      ctx.strokeStyle = '#fff'; ctx.lineWidth = 2; ctx.stroke();
    }
    drawn += list.length / 2;
  }
  ctx.globalAlpha = 1;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (let p = 0; p < labelled.length; p += 4) {
    const i = labelled[p];
    const room = labelled[p + 3] - 14;
    const chars = Math.floor(room / 6.3);
    if (chars < 8) continue;
    const text = entries[i].text.length > chars ? entries[i].text.slice(0, chars - 1) + '…' : entries[i].text;
    ctx.fillStyle = entries[i].kind === 'failure' ? '#c92a2a' : '#3b4252';
    ctx.fillText(text, labelled[p + 1] + (entries[i].kind === 'failure' ? 15 : 9), labelled[p + 2]);
  }
  stats.markersDrawn = drawn;
}

// ---- hit testing, selection, tooltip
function hitTest(viewX, viewY) {
  const y = viewY + plot.scrollTop;
  const l = Math.floor(y / LANE_H);
  if (l < 0 || l >= lanes.length) return -1;
  const u = (viewX + plot.scrollLeft - PAD_X) / scale;
  let best = -1;
  let bestScore = HIT_PX * HIT_PX * 2;
  for (let track = 0; track < 3; track++) {
    const dy = y - (l * LANE_H + TRACK_Y[track]);
    if (Math.abs(dy) > HIT_PX) continue;
    const indexes = trackLists[l * 3 + track];
    for (let j = lowerBound(indexes, u - HIT_PX / scale); j < indexes.length && pos[indexes[j]] <= u + HIT_PX / scale; j++) {
      const i = indexes[j];
      if (!isShown(i)) continue;
      const dx = (pos[i] - u) * scale;
      const score = dx * dx + dy * dy + (isDim(i) ? HIT_PX * HIT_PX : 0);
      if (score < bestScore) { bestScore = score; best = i; }
    }
  }
  return best;
}

function select(i, reveal) {
  selected = i;
  renderDetails();
  revealInList();
  if (reveal && i >= 0) revealInPlot(i);
  requestDraw();
}
function revealInPlot(i) {
  const x = xOf(i);
  if (x < plot.scrollLeft + 40 || x > plot.scrollLeft + viewW - 40) plot.scrollLeft = x - viewW / 2;
  const top = entryLane[i] * LANE_H;
  if (top < plot.scrollTop || top + LANE_H > plot.scrollTop + viewH) plot.scrollTop = top - (viewH - LANE_H) / 2;
}

function describe(i) {
  const e = entries[i];
  return fmtMs(e.timeMs) + '  event ' + fmtInt(e.eventIndex) + '  ' + e.process + '  ' + e.kind + '\n' + e.text;
}
function showTip(i, clientX, clientY) {
  if (i < 0) { tip.hidden = true; return; }
  tip.textContent = describe(i);
  tip.hidden = false;
  const width = tip.offsetWidth;
  tip.style.left = Math.min(clientX + 14, window.innerWidth - width - 8) + 'px';
  tip.style.top = clientY + 16 + 'px';
}

// ---- details panel
function entryRows(dl, rows) {
  for (const [name, value] of rows) {
    const dd = node('dd');
    if (value instanceof Node) dd.append(value); else dd.textContent = value;
    dl.append(node('dt', '', name), dd);
  }
}
function jumpButton(i, label) {
  const button = node('button', 'link', label);
  button.type = 'button';
  button.addEventListener('click', () => select(i, true));
  return button;
}
function renderDetails() {
  const box = byId('entry-details');
  box.replaceChildren();
  if (selected < 0) {
    box.append(node('p', 'hint', 'Click an entry in the lanes or the list (arrow keys move through the list).'));
    return;
  }
  const e = entries[selected];
  const info = kindInfo[entryKind[selected]];
  const title = node('div', 'entry-title');
  const badge = node('span', 'kind-badge', e.kind);
  badge.style.backgroundColor = info.color;
  title.append(badge, document.createTextNode(e.text));
  const dl = node('dl');
  const rows = [['time', fmtMs(e.timeMs)], ['event', fmtInt(e.eventIndex)], ['entry', '#' + fmtInt(e.seq)], ['process', e.process]];
  if (e.peer !== undefined) rows.push(['peer', e.peer]);
  if (e.messageId !== undefined) rows.push(['message', String(e.messageId)]);
  if (sendOf.has(selected)) {
    const send = sendOf.get(selected);
    rows.push(['sent', jumpButton(send, fmtMs(entries[send].timeMs) + ' by ' + entries[send].process + ' (' + fmtMs(e.timeMs - entries[send].timeMs) + ' earlier)')]);
  }
  for (const deliver of deliversOf.get(selected) || []) {
    rows.push(['delivered', jumpButton(deliver, fmtMs(entries[deliver].timeMs) + ' to ' + entries[deliver].process + ' (+' + fmtMs(entries[deliver].timeMs - e.timeMs) + ')')]);
  }
  if (e.kind === 'send' && typeof e.messageId === 'number' && !deliversOf.has(selected)) rows.push(['delivered', 'never (lost, or in flight at the end)']);
  for (const [key, value] of Object.entries(e.fields || {})) rows.push([key, fieldText(value)]);
  entryRows(dl, rows);
  box.append(title, dl);
}
function renderFailureDetails() {
  const box = byId('failure-details');
  if (failure === null) {
    box.append(node('p', 'hint', 'The seed passed: no failure.'));
    return;
  }
  const dl = node('dl');
  const rows = [['kind', failure.kind], ['time', fmtMs(failure.timeMs)], ['event', fmtInt(failure.eventIndex)]];
  if (failure.where) rows.push(['where', failure.where]);
  if (failIndex >= 0) rows.push(['entry', jumpButton(failIndex, '#' + fmtInt(entries[failIndex].seq) + ' on ' + entries[failIndex].process)]);
  entryRows(dl, rows);
  const message = node('pre', '', failure.message);
  message.id = 'failure-details-message';
  const stateKeys = Object.keys(failure.state || {});
  const stateTitle = node('h2', '', 'Registered state at event ' + fmtInt(failure.eventIndex) + ' (' + stateKeys.length + ' key' + (stateKeys.length === 1 ? '' : 's') + ')');
  const state = node('pre', '', stateKeys.length === 0 ? '(nothing registered)' : JSON.stringify(failure.state, null, 2));
  state.id = 'failure-state';
  box.append(dl, message, stateTitle, state);
}

// ---- the entry list (virtual: only the rows in view exist)
const rowPool = [];
let listQueued = false;
function requestList() {
  if (listQueued) return;
  listQueued = true;
  requestAnimationFrame(() => { listQueued = false; renderList(); });
}
function renderList() {
  listSizer.style.height = visible.length * ROW_H + 'px';
  const first = Math.floor(list.scrollTop / ROW_H);
  const count = Math.ceil(list.clientHeight / ROW_H) + 2;
  while (rowPool.length < count) {
    const row = node('div', 'row');
    row.append(node('span', 'time'), node('span', 'event'), node('span', 'process'), node('span', 'kind'), node('span', 'text'));
    listRows.append(row);
    rowPool.push(row);
  }
  for (let r = 0; r < rowPool.length; r++) {
    const row = rowPool[r];
    const k = first + r;
    if (r >= count || k >= visible.length) { row.hidden = true; continue; }
    const i = visible[k];
    const e = entries[i];
    row.hidden = false;
    row.dataset.index = String(i);
    row.style.transform = 'translateY(' + k * ROW_H + 'px)';
    row.className = 'row' + (i === selected ? ' selected' : '') + (e.kind === 'failure' ? ' failure' : '');
    const cells = row.children;
    cells[0].textContent = fmtMs(e.timeMs);
    cells[1].textContent = fmtInt(e.eventIndex);
    cells[2].textContent = e.process;
    cells[3].textContent = e.kind;
    cells[3].style.color = kindInfo[entryKind[i]].color;
    cells[4].textContent = e.text;
    row.title = e.text;
  }
}
/** Position of entry i in the visible list, or -1. */
function visibleIndexOf(i) {
  let lo = 0;
  let hi = visible.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (visible[mid] < i) lo = mid + 1; else hi = mid; }
  return lo < visible.length && visible[lo] === i ? lo : -1;
}
function revealInList() {
  const k = selected < 0 ? -1 : visibleIndexOf(selected);
  if (k >= 0 && (k * ROW_H < list.scrollTop || (k + 1) * ROW_H > list.scrollTop + list.clientHeight)) list.scrollTop = k * ROW_H - list.clientHeight / 2;
  renderList();
}

// ---- search: words match anywhere (text, process, kind, peer, fields); kind:a,b, process:x and
// peer:x narrow to a field; a leading - negates; every word must hold.
let haystacks = null;
function haystack(i) {
  if (haystacks === null) {
    haystacks = entries.map((e) => {
      const fields = Object.entries(e.fields || {}).map(([key, value]) => key + '=' + fieldText(value)).join(' ');
      return (e.process + ' ' + e.kind + ' ' + (e.peer || '') + ' ' + e.text + ' ' + fields + ' #' + e.seq).toLowerCase();
    });
  }
  return haystacks[i];
}
function parseQuery(text) {
  const terms = [];
  for (const token of text.match(/-?(?:\w+:)?(?:"[^"]*"|\S+)/g) || []) {
    const negate = token.length > 1 && token[0] === '-';
    const body = negate ? token.slice(1) : token;
    const qualified = /^(kind|process|peer):(.*)$/i.exec(body);
    const field = qualified ? qualified[1].toLowerCase() : 'any';
    const value = (qualified ? qualified[2] : body).replace(/^"|"$/g, '').toLowerCase();
    if (value !== '') terms.push({ field, value, negate });
  }
  return terms;
}
function termHolds(term, i) {
  const e = entries[i];
  switch (term.field) {
    case 'kind': return term.value.split(',').includes(e.kind.toLowerCase());
    case 'process': return e.process.toLowerCase().includes(term.value);
    case 'peer': return (e.peer || '').toLowerCase().includes(term.value);
    default: return haystack(i).includes(term.value);
  }
}
let searchTimer = 0;
function applyFilter() {
  clearTimeout(searchTimer);
  query = search.value.trim();
  const terms = parseQuery(query);
  queryActive = terms.length > 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    let ok = kindShown[entryKind[i]];
    for (let t = 0; ok && t < terms.length; t++) ok = termHolds(terms[t], i) !== terms[t].negate;
    shown[i] = ok ? 1 : 0;
    if (ok) out.push(i);
  }
  visible = Int32Array.from(out);
  byId('match-count').textContent = visible.length === n ? fmtInt(n) + ' entries' : fmtInt(visible.length) + ' of ' + fmtInt(n) + ' shown';
  list.scrollTop = 0;
  revealInList();
  requestDraw();
}
function nextMatch(direction) {
  if (visible.length === 0) return;
  let k = selected < 0 ? -1 : visibleIndexOf(selected);
  if (k < 0) {
    let lo = 0;
    let hi = visible.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (visible[mid] < selected) lo = mid + 1; else hi = mid; }
    k = direction > 0 ? lo - 1 : lo;
  }
  select(visible[clamp(k + direction, 0, visible.length - 1)], true);
}

// ---- zoom
function zoomTo(newScale, anchorX) {
  const target = clamp(newScale, fitScale(), maxScale());
  const unit = (plot.scrollLeft + anchorX - PAD_X) / scale;
  fitted = target <= fitScale() * 1.0001;
  scale = target;
  layout();
  plot.scrollLeft = PAD_X + unit * scale - anchorX;
}
function fit() {
  fitted = true;
  layout();
  plot.scrollLeft = 0;
}
function focusFailure() {
  const at = failPos();
  if (at === null) return;
  const end = failIndex >= 0 ? failIndex : n - 1;
  const from = Math.max(0, end - 60);
  const windowUnits = Math.max(at - (n > 0 ? pos[from] : 0), axis === 'time' ? 5 : 20);
  fitted = false;
  scale = clamp((viewW - PAD_X - PAD_RIGHT - 60) / windowUnits, fitScale(), maxScale());
  layout();
  plot.scrollLeft = PAD_X + at * scale - (viewW - PAD_RIGHT);
  plot.scrollTop = failLane * LANE_H - (viewH - LANE_H) / 2;
  if (failIndex >= 0) select(failIndex, false);
}
function setAxis(mode) {
  const keep = selected;
  axis = mode;
  pos = mode === 'time' ? posTime : posOrder;
  trackLists = mode === 'time' ? trackListsTime : trackListsOrder;
  fit();
  if (keep >= 0) revealInPlot(keep);
}

// ---- events
function wire() {
  new ResizeObserver(() => {
    if (plot.clientWidth + 'x' + plot.clientHeight === plotSize) return;
    layout();
    requestList();
  }).observe(plot);
  new ResizeObserver(() => requestList()).observe(list);
  plot.addEventListener('scroll', () => { tip.hidden = true; requestDraw(); }, { passive: true });
  plot.addEventListener('wheel', (event) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const delta = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
    const rect = canvas.getBoundingClientRect();
    zoomTo(scale * clamp(Math.exp(-delta * 0.002), 0.5, 2), clamp(event.clientX - rect.left, 0, viewW));
  }, { passive: false });
  let press = null;
  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    press = { x: event.clientX, y: event.clientY, left: plot.scrollLeft, top: plot.scrollTop, panning: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (press !== null) {
      const dx = event.clientX - press.x;
      const dy = event.clientY - press.y;
      if (!press.panning && Math.hypot(dx, dy) > 4) { press.panning = true; canvas.classList.add('panning'); tip.hidden = true; }
      if (press.panning) { plot.scrollLeft = press.left - dx; plot.scrollTop = press.top - dy; }
      return;
    }
    showTip(hitTest(event.offsetX, event.offsetY), event.clientX, event.clientY);
  });
  canvas.addEventListener('pointerup', (event) => {
    if (press === null) return;
    const panned = press.panning;
    press = null;
    canvas.classList.remove('panning');
    if (!panned) {
      const hit = hitTest(event.offsetX, event.offsetY);
      if (hit >= 0) select(hit, false);
    }
  });
  canvas.addEventListener('pointerleave', () => { tip.hidden = true; });
  marker.addEventListener('click', () => { if (failIndex >= 0) select(failIndex, false); });
  byId('zoom-in').addEventListener('click', () => zoomTo(scale * 2, viewW / 2));
  byId('zoom-out').addEventListener('click', () => zoomTo(scale / 2, viewW / 2));
  byId('zoom-fit').addEventListener('click', fit);
  byId('goto-failure').addEventListener('click', focusFailure);
  byId('axis-mode').addEventListener('change', (event) => setAxis(event.target.value));
  search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(applyFilter, SEARCH_DELAY_MS); });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { if (search.value.trim() !== query) applyFilter(); nextMatch(event.shiftKey ? -1 : 1); event.preventDefault(); }
    if (event.key === 'Escape') { search.value = ''; applyFilter(); search.blur(); }
  });
  list.addEventListener('scroll', requestList, { passive: true });
  listRows.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest('.row') : null;
    if (row !== null) select(Number(row.dataset.index), true);
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    nextMatch(event.key === 'ArrowDown' ? 1 : -1);
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/') { event.preventDefault(); search.focus(); search.select(); }
    else if (event.key === '+' || event.key === '=') zoomTo(scale * 2, viewW / 2);
    else if (event.key === '-') zoomTo(scale / 2, viewW / 2);
    else if (event.key === '0') fit();
    else if (event.key === 'f' || event.key === 'F') focusFailure();
  });
}

fillHeader();
fillLegend();
fillLanes();
renderFailureDetails();
renderDetails();
byId('empty').hidden = n > 0;
byId('match-count').textContent = fmtInt(n) + ' entries';
wire();
layout();
renderList();
// The failure's lane in view from the start, when there are more lanes than room.
if (failure !== null && (failLane + 1) * LANE_H > viewH) plot.scrollTop = failLane * LANE_H - (viewH - LANE_H) / 2;

window.moonpoolTimeline = Object.freeze({
  /** What the page shows now, as plain data. */
  summary: () => ({
    lanes: lanes.map((lane) => lane.id),
    entries: n,
    shown: visible.length,
    dropped: timeline.dropped,
    axis,
    scale,
    contentWidthPx: contentW(),
    scrollLeft: plot.scrollLeft,
    selectedSeq: selected >= 0 ? entries[selected].seq : null,
    failure: failure === null ? null : { lane: lanes[failLane].id, seq: failIndex >= 0 ? entries[failIndex].seq : null },
    frames: stats.frames,
    lastDrawMs: stats.lastDrawMs,
    markersDrawn: stats.markersDrawn,
  }),
  /** Where the entry with this seq is drawn, in viewport px, or null when it is out of view. */
  locate: (seq) => {
    const i = entries.findIndex((e) => e.seq === seq);
    if (i < 0) return null;
    const rect = canvas.getBoundingClientRect();
    const x = xOf(i) - plot.scrollLeft;
    const y = entryLane[i] * LANE_H - plot.scrollTop + TRACK_Y[kindInfo[entryKind[i]].track];
    return x < 0 || x > viewW || y < 0 || y > viewH ? null : { x: rect.left + x, y: rect.top + y };
  },
  /** Selects the entry with this seq (as a click would) and scrolls it into view. */
  select: (seq) => {
    const i = entries.findIndex((e) => e.seq === seq);
    if (i >= 0) select(i, true);
    return i >= 0;
  },
});
})();
`;
