// The page's script: draws the embedded timeline on two canvases (the time axis and the lanes)
// inside one native scroll area, with the lane labels, the failure marker, a virtual list of the
// entries and the details panel in the DOM. Canvas because a page must stay responsive with tens
// of thousands of entries: a frame draws only what is in view, markers of one kind closer than
// 2 px on a lane track once, and arrows between two lanes that fall on the same pixels once.
// Everything from the data reaches the page through textContent or fillText, never as markup.
//
// Plain browser JavaScript kept as text in four parts that share one function scope (no template
// literals or `${` inside, so String.raw holds them as written); timeline-html.test.ts parses the
// whole and the Chromium test runs it.
// window.moonpoolTimeline exposes a read-only summary, locate(seq) and select(seq) for tests and
// the console.
import { VIEW_CANVAS } from './view-canvas.js';
import { VIEW_CONTROLS } from './view-controls.js';
import { VIEW_MODEL } from './view-model.js';
import { VIEW_PANELS } from './view-panels.js';

export const VIEW_SCRIPT = ["(() => {\n'use strict';", VIEW_MODEL, VIEW_CANVAS, VIEW_PANELS, VIEW_CONTROLS, '})();\n'].join('\n');
