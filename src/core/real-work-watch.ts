import { RealWorkError } from './errors.js';
import { userCallSite, type GuardSession } from './guard-session.js';
import type { TurnWatch } from './world.js';

// Resources every turn of the engine makes or that writes to the thread's own streams (a
// console.log) leave pending: none of them is work a seed started.
const IGNORED = new Set(['Immediate', 'TickObject', 'WriteWrap', 'ShutdownWrap']);

/** What a kind of Node resource most likely is in workload code, and what to do instead. */
const CAUSES: Record<string, string> = {
  MessagePort: 'a dynamic import() (modules load on the loader thread) or a worker_threads message: import modules at the top of the file (static import)',
  Timeout: 'a real timer (a setTimeout taken before the seed, or realGlobals): inject TimeProvider and await sleep(ms)',
  FSReqCallback: 'real file I/O: inject StorageProvider, or read fixed inputs at import time',
  FSReqPromise: 'real file I/O: inject StorageProvider, or read fixed inputs at import time',
  FileHandle: 'an open real file: inject StorageProvider',
  TCPSocketWrap: 'a real socket: inject NetworkProvider',
  TCPServerWrap: 'a real server socket: inject NetworkProvider',
  TCPConnectWrap: 'a real connection: inject NetworkProvider',
  UDPWrap: 'a real UDP socket: inject NetworkProvider',
  GetAddrInfoReqWrap: 'a DNS lookup: use the addresses the topology gives',
  QueryReqWrap: 'a DNS query: use the addresses the topology gives',
  ProcessWrap: 'a child process: start it outside the simulation',
  PipeWrap: 'a pipe (a child process or IPC): start it outside the simulation',
  Worker: 'a worker thread: start it outside the simulation',
};

/** Set on the thread when a seed ends with real work still pending (a timer that will go off in
 * a later seed): the runner's seed worker reads it and hands its thread over to a fresh one. */
const REAL_WORK_LEFT_KEY = Symbol.for('moonpool.realWorkLeft');

// Set by the runner's seed workers, whose loader hook rejects a dynamic import() in a seed with
// its own message: the loader's message port is then left to it.
const IMPORT_HOOK_KEY = Symbol.for('moonpool.importHook');

function sum(byKind: Map<string, number>): number {
  let count = 0;
  for (const value of byKind.values()) count += value;
  return count;
}

function watched(kind: string): boolean {
  return !IGNORED.has(kind) && !(kind === 'MessagePort' && (globalThis as { [IMPORT_HOOK_KEY]?: boolean })[IMPORT_HOOK_KEY] === true);
}

function counts(): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (watched(kind)) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return byKind;
}

/** Whether there are more watched resources than `baseline`: the cheap check after every turn
 * (no Map). The engine's own next turn is one Immediate, so a list no longer than the baseline
 * plus one holds nothing new. */
function moreThan(baseline: number): boolean {
  const list = process.getActiveResourcesInfo();
  if (list.length <= baseline + 1) return false;
  let count = 0;
  for (let i = 0; i < list.length; i++) if (watched(list[i])) count++;
  return count > baseline;
}

/**
 * The real work (Node's active handles and requests) a seed starts: whatever code path started
 * it (a function taken before the seed, a dynamic import(), a native addon), beyond the guarded
 * APIs. Checked after the microtasks of each turn of the engine, before the event loop can
 * finish the work, so the verdict is the same on every replay; and when the seed ends, so work
 * that would outlive it is blamed on it and no later seed.
 */
export class RealWorkWatch implements TurnWatch {
  private readonly baseline = counts();
  private readonly baselineTotal = sum(this.baseline);
  private reported = false;

  constructor(private readonly session: GuardSession) {}

  /** Kinds with more resources than when the seed began, with how many more. */
  private started(): [string, number][] {
    const extra: [string, number][] = [];
    for (const [kind, count] of counts()) {
      const more = count - (this.baseline.get(kind) ?? 0);
      if (more > 0) extra.push([kind, more]);
    }
    return extra;
  }

  afterTurn(): void {
    // Work that ends while other work starts in one turn escapes this count; the seed's last
    // check, by kind, still sees what is left.
    if (!this.reported && moreThan(this.baselineTotal)) this.check(false);
  }

  /** The seed's last check. Work still pending marks the thread (see REAL_WORK_LEFT_KEY). */
  checkAtEnd(): void {
    if (this.started().length > 0) (globalThis as { [REAL_WORK_LEFT_KEY]?: boolean })[REAL_WORK_LEFT_KEY] = true;
    this.check(true);
  }

  /** Code reached the world between two turns of the engine: a continuation something real
   * resumed (a dynamic import() of a module loaded already, a promise settled by real I/O). */
  outsideTurn(): void {
    if (this.reported) return;
    this.reported = true;
    const site = userCallSite();
    const task = this.session.world.runningTask?.name;
    const fix = 'Import modules at the top of the file (static import), and reach the real world only through the injected providers.';
    const detail =
      `code resumed by something outside the simulation reached it at ${site}${task === undefined ? '' : ` (task ${task})`}: ` +
      'a promise settled by real work (a dynamic import(), real I/O begun before the seed) resumes at a real time, so the seed could not replay.';
    this.session.failWith(new RealWorkError('a real continuation', site, fix, detail));
  }

  /** Fails the seed when it started real work; `atEnd` when the seed has ended. Reports once. */
  private check(atEnd: boolean): void {
    if (this.reported) return;
    const extra = this.started();
    if (extra.length === 0) return;
    this.reported = true;
    const world = this.session.world;
    const task = world.runningTask?.name;
    const where = atEnd ? 'the end of the seed' : `event #${world.eventIndex}${task === undefined ? '' : ` (task ${task})`}`;
    const kinds = extra.map(([kind, more]) => `${more} ${kind}`).join(', ');
    const causes = `${extra.map(([kind]) => `${kind}: ${CAUSES[kind] ?? 'real asynchronous work outside the simulation'}`).join('; ')}.`;
    const detail = atEnd
      ? `real asynchronous work started during the seed was still pending when it ended (${kinds}): it would finish during another seed.`
      : `real asynchronous work started during the seed, found after ${where} (${kinds}): the OS finishes it at a real time, so the seed could not replay.`;
    this.session.failWith(new RealWorkError(extra[0][0], where, causes, detail));
  }
}
