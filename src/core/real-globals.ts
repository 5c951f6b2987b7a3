// The engine's own references to the real clock and timers, captured when moonpool loads and
// before any guard can virtualize the globals, so the engine keeps working while a seed runs.
export const realGlobals = {
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  Date: globalThis.Date,
  dateNow: Date.now,
  mathRandom: Math.random,
  performanceNow: performance.now.bind(performance),
};

/** One macrotask: every microtask queued before it has run when this resolves. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => realGlobals.setImmediate(resolve));
}
