// The page's static skeleton; view-script.ts fills it from the embedded timeline (always through
// textContent, never as markup). No element loads anything: no src, href or url().
export const VIEW_MARKUP = `<header id="top">
  <div class="title">
    <h1>moonpool timeline</h1>
    <div id="case"></div>
  </div>
  <div id="stats"></div>
  <div class="controls">
    <input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="Search  (kind:send  process:client#2  -kind:task)" aria-label="Search entries">
    <span id="match-count" aria-live="polite"></span>
    <span class="group" role="group" aria-label="Zoom">
      <button id="zoom-out" type="button" title="Zoom out (-)">&minus;</button>
      <button id="zoom-in" type="button" title="Zoom in (+, or ctrl + wheel)">+</button>
      <button id="zoom-fit" type="button" title="Whole timeline (0)">Fit</button>
    </span>
    <select id="axis-mode" aria-label="Horizontal axis" title="Horizontal axis">
      <option value="time">Simulated ms</option>
      <option value="order">Event order</option>
    </select>
    <button id="goto-failure" type="button" title="Zoom to the failure (f)" hidden>Go to failure</button>
  </div>
</header>
<section id="failure-banner" hidden>
  <div class="failure-badge">FAILED</div>
  <div class="failure-body">
    <div><strong id="failure-kind"></strong> <span id="failure-where"></span></div>
    <pre id="failure-message"></pre>
  </div>
</section>
<div id="notice" hidden></div>
<nav id="legend" aria-label="Legend: click a kind to hide or show it"></nav>
<main id="plot" tabindex="-1">
  <div id="sizer">
    <div class="layer"><canvas id="canvas" aria-label="Timeline: one lane per process, time flowing right"></canvas></div>
    <div class="layer"><div id="overlay"><div id="failure-marker" title="The failure" hidden>!</div></div></div>
    <div class="layer"><div id="labels"></div></div>
    <div class="layer"><canvas id="axis"></canvas></div>
    <div class="layer"><div id="corner">process <span class="muted">/ time</span></div></div>
  </div>
  <div id="empty" hidden>No entries were recorded.</div>
</main>
<section id="bottom">
  <div id="list-pane">
    <div class="list-head"><span>time</span><span>event</span><span>process</span><span>kind</span><span>text</span></div>
    <div id="list" tabindex="0" aria-label="Entries (arrow keys move the selection)">
      <div id="list-sizer"><div id="list-rows"></div></div>
    </div>
  </div>
  <aside id="details">
    <h2>Entry</h2>
    <div id="entry-details"></div>
    <h2 id="failure-title">Failure</h2>
    <div id="failure-details"></div>
  </aside>
</section>
<div id="tip" hidden></div>
<noscript>The script inside this page draws the timeline; allow JavaScript to see it.</noscript>`;
