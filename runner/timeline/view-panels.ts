// Part of the page's script (see view-script.ts): the header, failure banner, legend and lane
// labels; selecting an entry and the tooltip; the details panel; the virtual entry list; search.
export const VIEW_PANELS = String.raw`// ---- header, failure banner, legend, lanes
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

// ---- selection, tooltip
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
`;
