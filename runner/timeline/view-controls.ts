// Part of the page's script (see view-script.ts): zoom, the axis, the failure's focus, the event
// wiring, the start of the page and window.moonpoolTimeline.
export const VIEW_CONTROLS = String.raw`// ---- zoom
function zoomTo(newScale, anchorX) {
  const target = clamp(newScale, fitScale(), scaleMax());
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
  scale = clamp((viewW - PAD_X - PAD_RIGHT - 60) / windowUnits, fitScale(), scaleMax());
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
`;
