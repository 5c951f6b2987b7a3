import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frameSite } from './call-site.js';
import { NondeterminismError } from './errors.js';
import { TraceHash } from './trace.js';
import type { SimWorld } from './world.js';

/** What happens when workload code touches a real clock, timer, entropy source or real I/O during a seed. */
export type GuardMode = 'virtualize' | 'reject' | 'off';

/** Simulated wall-clock origin: 2025-01-01T00:00:00Z, so `new Date()` is the same for every seed. */
export const SIM_EPOCH_MS = 1_735_689_600_000;

// Frames in this folder are moonpool's own: the library's core in the sources, or the whole
// bundled library in dist/src (index.js). The call site is the first frame outside it and Node.
const LIBRARY_DIR = dirname(fileURLToPath(import.meta.url));
const CALL_SITE_FRAMES_MAX = 16;

const rawFrames = (_error: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;

/** The first stack frame outside moonpool and Node's internals, `file:line:column` relative to
 * its package: where workload code called a guarded API. Frames are told apart by their raw
 * file (the bundled library maps back to src/ paths), and the chosen one is shown source-mapped. */
export function userCallSite(): string {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = CALL_SITE_FRAMES_MAX;
  const raw: { stack?: NodeJS.CallSite[] } = {};
  const mapped: { stack?: string } = {};
  let files: (string | undefined)[];
  try {
    Error.prepareStackTrace = rawFrames;
    Error.captureStackTrace(raw, userCallSite);
    files = (raw.stack ?? []).map((frame) => frame.getFileName() ?? undefined);
    Error.prepareStackTrace = prepare;
    Error.captureStackTrace(mapped, userCallSite);
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  const lines = (mapped.stack ?? '').split('\n').slice(1);
  for (let i = 0; i < files.length; i++) {
    const rawFile = files[i];
    if (rawFile === undefined || rawFile.startsWith('node:')) continue;
    const path = rawFile.startsWith('file://') ? fileURLToPath(rawFile) : rawFile;
    if (path.startsWith(LIBRARY_DIR) && !/\.test\.tsx?$/.test(path)) continue;
    const site = frameSite(lines[i] ?? '');
    if (site !== undefined) return site;
  }
  return 'an unknown call site (no frame outside moonpool and Node)';
}

/**
 * One seed's guard: the world it serves, its mode, and a running hash of every value it handed
 * out (clock readings, random draws, UUIDs...), which `--check-determinism` compares between
 * the two runs so a leak shows up even when it leaves the event order alone.
 */
export class GuardSession {
  readonly virtual: boolean;
  private readonly handedOut = new TraceHash(false);
  /** How many values the guard handed out, by API (reported when two runs disagree). */
  readonly calls = new Map<string, number>();

  constructor(
    readonly world: SimWorld,
    mode: Exclude<GuardMode, 'off'>,
  ) {
    this.virtual = mode === 'virtualize';
  }

  /** The simulated wall clock (ms since the epoch) for `api`, or reject mode's error. */
  wallMs(api: string): number {
    return this.number(api, SIM_EPOCH_MS + Math.floor(this.world.nowMs));
  }

  /** Records a value handed out by `api`; reject mode fails the seed instead. */
  number(api: string, value: number): number {
    if (!this.virtual) this.reject(api);
    this.count(api);
    this.handedOut.mixFloat(value);
    return value;
  }

  /** Records bytes handed out by `api` (reject mode was checked by the caller's draw). */
  bytes(api: string, view: Uint8Array): void {
    this.count(api);
    for (let i = 0; i < view.length; i++) this.handedOut.mixInt(view[i]);
  }

  private count(api: string): void {
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1);
    this.handedOut.mixString(api);
  }

  digest(): string {
    return this.handedOut.digest();
  }

  /** Fails the seed with the call site and the fix, and throws to stop the caller. */
  reject(api: string, fix = FIXES[api] ?? ''): never {
    throw this.failWith(new NondeterminismError(api, userCallSite(), fix));
  }

  failWith<E extends NondeterminismError>(error: E): E {
    this.world.fail(error);
    return error;
  }
}

const CLOCK_FIX = 'Inject TimeProvider and call now() (simulated in a seed, the real clock in production).';
const TIMER_FIX = 'Inject TimeProvider and await sleep(ms) (or timeout()).';
const RANDOM_FIX = 'Inject RandomProvider and draw from it (seeded in a seed, crypto in production).';

/** The fix named in reject mode's error, by API. */
const FIXES: Record<string, string> = {
  'Math.random()': RANDOM_FIX,
  'Date.now()': CLOCK_FIX,
  'new Date()': 'Inject TimeProvider and build dates from now().',
  'Date()': 'Inject TimeProvider and build dates from now().',
  'performance.now()': CLOCK_FIX,
  'performance.timeOrigin': CLOCK_FIX,
  'performance.mark()': 'Inject TimeProvider and record now() yourself.',
  'performance.measure()': 'Inject TimeProvider and subtract two now() readings.',
  'process.hrtime()': CLOCK_FIX,
  'process.hrtime.bigint()': CLOCK_FIX,
  'process.uptime()': CLOCK_FIX,
  'Intl.DateTimeFormat format()': 'Pass the date to format: format(new Date(time.now())) with an injected TimeProvider.',
  setTimeout: TIMER_FIX,
  setInterval: 'Inject TimeProvider and loop over await sleep(ms).',
  setImmediate: 'Inject TimeProvider and await sleep(0).',
  'timers/promises.setTimeout()': TIMER_FIX,
  'timers/promises.setImmediate()': 'Inject TimeProvider and await sleep(0).',
  'timers/promises.setInterval()': 'Inject TimeProvider and loop over await sleep(ms).',
  'timers/promises.scheduler.wait()': TIMER_FIX,
  'timers/promises.scheduler.yield()': 'Inject TimeProvider and await sleep(0).',
  'AbortSignal.timeout()': 'Inject TimeProvider and abort an AbortController when time.timeout(ms, ...) rejects.',
  'crypto.randomBytes()': RANDOM_FIX,
  'crypto.randomFill()': RANDOM_FIX,
  'crypto.randomFillSync()': RANDOM_FIX,
  'crypto.randomInt()': RANDOM_FIX,
  'crypto.randomUUID()': RANDOM_FIX,
  'crypto.getRandomValues()': RANDOM_FIX,
};
