import type * as Http from 'node:http';
import type { GuardHandlers } from './guard-handlers.js';
import { SIM_EPOCH_MS } from './guard-session.js';
import { realGlobals } from './real-globals.js';

// The guard's part of node:http. A request through an agent of httpAgent() may start in a seed:
// its connections go through a NetworkProvider (simulated, or real and guarded itself). And a
// ServerResponse's Date header, which node:http takes from a cache of the real clock that a real
// (unref'd, so unseen) timer clears every second, reads the simulated clock instead.

/** The agents made by httpAgent(). */
const providerAgents = new WeakSet<object>();

export function markProviderAgent(agent: object): void {
  providerAgents.add(agent);
}

/** Whether the arguments of http.request() or http.get() name an agent of httpAgent(). */
export function throughProviderAgent(args: readonly unknown[]): boolean {
  for (const arg of args) {
    if (typeof arg !== 'object' || arg === null || arg instanceof URL) continue;
    const agent = (arg as { agent?: unknown }).agent;
    if (typeof agent === 'object' && agent !== null && providerAgents.has(agent)) return true;
  }
  return false;
}

// The Date header has a resolution of a second, so one string serves every response of that
// second (node:http caches its own the same way). A pure function of its argument: nothing of a
// seed leaks into another.
let cachedSecond = NaN;
let cachedDate = '';

function dateHeader(wallMs: number): string {
  const second = Math.floor(wallMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = new realGlobals.Date(second * 1000).toUTCString();
  }
  return cachedDate;
}

interface HeaderStore {
  sendDate: boolean;
  _header: string;
  _storeHeader(firstLine: string, headers: unknown): void;
}

/**
 * In a seed, a ServerResponse that sends a Date header (sendDate, the default) gets the guard's
 * simulated wall clock, in both guard modes (node:http reads the clock, not the workload), unless
 * the response set its own. Outside a seed, node:http's own. Patched once, on the prototype
 * (OutgoingMessage's _storeHeader, which builds the header block, shadowed for responses).
 */
export function patchServerDates(http: typeof Http, active: () => GuardHandlers | undefined): void {
  const prototype = http.ServerResponse.prototype as unknown as HeaderStore;
  const storeHeader = prototype._storeHeader;
  Object.defineProperty(prototype, '_storeHeader', {
    value: function (this: HeaderStore, firstLine: string, headers: unknown): void {
      const handlers = active();
      if (handlers === undefined || !this.sendDate) return storeHeader.call(this, firstLine, headers);
      this.sendDate = false;
      try {
        storeHeader.call(this, firstLine, headers);
      } finally {
        this.sendDate = true;
      }
      if (/\r\ndate:/i.test(this._header)) return;
      // The block ends with an empty line: the header goes before it.
      this._header = `${this._header.slice(0, -2)}Date: ${dateHeader(SIM_EPOCH_MS + handlers.session.world.nowMs)}\r\n\r\n`;
    },
    writable: true,
    configurable: true,
  });
}
