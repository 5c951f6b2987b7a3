// The page's stylesheet: system fonts only (nothing is fetched), sizes the script does not set.
export const VIEW_STYLE = `
:root {
  --bg: #f4f5f8; --panel: #ffffff; --ink: #1d2230; --muted: #687083; --line: #e2e5eb;
  --head: #1d2230; --head-ink: #e8ebf2; --accent: #1971c2; --fail: #e03131; --select: #e7f0fe;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; background: var(--bg); color: var(--ink); font: 13px/1.4 var(--sans); overflow: hidden; }
button, select, input { font: inherit; color: inherit; }
.muted { color: var(--muted); }

header { display: flex; align-items: center; gap: 6px 18px; flex-wrap: wrap; padding: 8px 14px; background: var(--head); color: var(--head-ink); }
header h1 { margin: 0; font-size: 15px; font-weight: 650; letter-spacing: .2px; }
#case { font-family: var(--mono); font-size: 12px; color: #b7bfd0; max-width: 36em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#stats { color: #b7bfd0; font-size: 12px; }
.controls { margin-left: auto; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.controls .group { display: inline-flex; }
.controls .group button { border-radius: 0; margin-left: -1px; }
.controls .group button:first-child { border-radius: 5px 0 0 5px; }
.controls .group button:last-child { border-radius: 0 5px 5px 0; }
header button, header select { background: #2c3345; border: 1px solid #454e64; border-radius: 5px; padding: 3px 10px; cursor: pointer; min-width: 30px; }
header button:hover, header select:hover { background: #374058; }
#goto-failure { background: #a61e1e; border-color: #c92a2a; color: #fff; }
#goto-failure:hover { background: #c92a2a; }
#search { width: 330px; background: #fff; color: var(--ink); border: 1px solid #454e64; border-radius: 5px; padding: 4px 8px; }
#match-count { font-size: 12px; color: #b7bfd0; min-width: 9em; }

#failure-banner { display: flex; gap: 12px; align-items: flex-start; padding: 8px 14px; background: #fff4f4; border-bottom: 1px solid #ffd0d0; border-left: 5px solid var(--fail); }
.failure-badge { background: var(--fail); color: #fff; font-weight: 700; font-size: 11px; letter-spacing: .6px; padding: 2px 7px; border-radius: 4px; margin-top: 1px; }
.failure-body { min-width: 0; flex: 1; }
#failure-kind { color: #a61e1e; }
#failure-where { color: var(--muted); }
#failure-message { margin: 3px 0 0; font: 12.5px/1.45 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 4.5em; overflow: auto; color: #5c0f0f; }
#notice { padding: 4px 14px; background: #fff8e1; border-bottom: 1px solid #ffe08a; color: #6b4e00; font-size: 12px; }

#legend { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 4px; padding: 5px 10px; background: var(--panel); border-bottom: 1px solid var(--line); font-size: 12px; }
.legend-item { display: inline-flex; align-items: center; gap: 5px; padding: 1px 8px 1px 4px; border: 1px solid transparent; border-radius: 12px; background: none; cursor: pointer; }
button.legend-item:hover { border-color: var(--line); background: #f6f7f9; }
.legend-item[aria-pressed="false"] { opacity: .38; text-decoration: line-through; }
.legend-item canvas { display: block; }
.legend-item .count { color: var(--muted); font-size: 11px; }
.legend-sep { width: 1px; height: 16px; background: var(--line); margin: 0 6px; }
span.legend-item { cursor: default; }

#plot { position: relative; flex: 1 1 auto; min-height: 160px; overflow: auto; background: var(--panel); outline: none; }
/* Each layer covers the whole scrolled area, so a sticky child can stick anywhere in it. */
#sizer { position: relative; }
.layer { position: absolute; top: 0; left: 0; right: 0; bottom: 0; pointer-events: none; }
.layer > * { pointer-events: auto; }
#corner { position: sticky; top: 0; left: 0; padding: 7px 12px; background: #fafbfc; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .5px; color: #4a5263; }
#axis { position: sticky; top: 0; display: block; }
#labels { position: sticky; left: 0; background: #fafbfc; border-right: 1px solid var(--line); }
.lane { padding: 7px 12px 0; border-bottom: 1px solid var(--line); overflow: hidden; white-space: nowrap; cursor: pointer; }
.lane:hover { background: #f1f3f6; }
.lane-id { font-weight: 600; font-family: var(--mono); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; }
.lane-meta { color: var(--muted); font-size: 11px; overflow: hidden; text-overflow: ellipsis; }
.lane.sim .lane-id { color: #7048e8; }
#canvas { position: sticky; display: block; cursor: crosshair; }
#canvas.panning { cursor: grabbing; }
#overlay { position: absolute; width: 0; height: 0; pointer-events: none; }
#failure-marker { position: absolute; top: 0; left: 0; width: 22px; height: 22px; border-radius: 50%; background: var(--fail); color: #fff; font: 700 14px/22px var(--sans); text-align: center; box-shadow: 0 0 0 3px rgba(224, 49, 49, .28), 0 1px 4px rgba(0, 0, 0, .35); cursor: pointer; pointer-events: auto; }
#empty { position: absolute; top: 60px; left: 0; right: 0; text-align: center; color: var(--muted); }

#bottom { flex: 0 0 32vh; min-height: 170px; display: grid; grid-template-columns: minmax(0, 1.55fr) minmax(0, 1fr); border-top: 2px solid var(--line); }
#list-pane { display: flex; flex-direction: column; min-height: 0; background: var(--panel); border-right: 1px solid var(--line); }
.list-head, .row { display: grid; grid-template-columns: 92px 64px 120px 64px minmax(0, 1fr); gap: 10px; padding: 0 12px; }
.list-head { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .5px; color: #4a5263; background: #fafbfc; border-bottom: 1px solid var(--line); padding-top: 4px; padding-bottom: 4px; }
.list-head span:first-child, .row span:first-child, .list-head span:nth-child(2), .row span:nth-child(2) { text-align: right; }
#list { position: relative; flex: 1; overflow: auto; outline: none; font: 12px/22px var(--mono); }
#list:focus-visible { box-shadow: inset 0 0 0 2px #a5c8f5; }
#list-sizer { position: relative; }
#list-rows { position: absolute; top: 0; left: 0; right: 0; }
.row { position: absolute; left: 0; right: 0; height: 22px; white-space: nowrap; cursor: pointer; }
.row span { overflow: hidden; text-overflow: ellipsis; }
.row:hover { background: #f3f5f8; }
.row.selected { background: var(--select); }
.row.failure { background: #fff0f0; color: #a61e1e; font-weight: 600; }
.row .time, .row .event { color: var(--muted); }

#details { overflow: auto; padding: 8px 14px 14px; background: var(--panel); }
#details h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .5px; color: #4a5263; margin: 6px 0 6px; }
#details h2 + div { margin-bottom: 12px; }
#details dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 2px 14px; margin: 0; }
#details dt { color: var(--muted); overflow-wrap: anywhere; }
#details dd { margin: 0; font-family: var(--mono); font-size: 12px; overflow-wrap: anywhere; white-space: pre-wrap; }
#details pre { margin: 4px 0 0; padding: 8px 10px; background: #f7f8fa; border: 1px solid var(--line); border-radius: 5px; font: 12px/1.45 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 40vh; overflow: auto; }
#details .hint { color: var(--muted); margin: 0; }
#details button.link { padding: 0; border: 0; background: none; color: var(--accent); cursor: pointer; font: 12px var(--mono); text-align: left; }
#details button.link:hover { text-decoration: underline; }
.kind-badge { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 11px; font-weight: 600; margin-right: 6px; }
.entry-title { font-family: var(--mono); font-weight: 600; margin-bottom: 6px; overflow-wrap: anywhere; }

#tip { position: fixed; z-index: 10; max-width: 520px; padding: 5px 8px; border-radius: 5px; background: rgba(29, 34, 48, .95); color: #fff; font: 12px/1.4 var(--mono); pointer-events: none; white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: 0 2px 8px rgba(0, 0, 0, .25); }
`;
