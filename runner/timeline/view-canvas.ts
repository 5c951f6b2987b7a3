// Part of the page's script (see view-script.ts): marker shapes, the layout of the scrolled area
// and its sticky canvases, drawing the axis, lanes, windows, arrows and markers of what is in
// view, and finding the entry under the pointer.
export const VIEW_CANVAS = String.raw`// ---- shapes (shared by the plot and the legend)
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

// ---- layout and drawing
/** The sticky pieces: the axis pinned at the top, the labels at the left, the lanes canvas
 * filling the rest of the view; the sizer gives the scroll area the content's full size. */
let plotSize = ''; // what layout() last fitted, so a resize observed at start does not lay out twice
function layout() {
  plotSize = plot.clientWidth + 'x' + plot.clientHeight;
  viewW = Math.max(plot.clientWidth - LABEL_W, 60);
  const lanesH = lanes.length * LANE_H;
  viewH = Math.max(1, Math.min(plot.clientHeight - AXIS_H, lanesH));
  scale = fitted ? fitScale() : clamp(scale, fitScale(), scaleMax());
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

// ---- hit testing
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
`;
