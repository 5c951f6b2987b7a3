// Where a seeds run spends its cores, read from the kernel's per-thread CPU counters (Linux
// /proc/self/task): the seed workers, the main thread, and the helper threads V8 shares between
// all isolates (TurboFan's concurrent compiles, the garbage collector's parallel and concurrent
// work). A lone worker gets those helpers for free on an idle core; N workers on N cores pay
// for them out of the workers' time, which is what caps how far seeds/s scales.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/task/<tid>/stat (USER_HZ: 100 on every Linux ABI Node runs on). */
const USER_HZ = 100;

/** CPU milliseconds (user + system) each thread of this process has used so far, by thread id. */
export type ThreadCpuMs = ReadonlyMap<number, number>;

/** The counters now, or undefined where /proc is not there (macOS, Windows). */
export function threadCpuMs(): ThreadCpuMs | undefined {
  if (!existsSync('/proc/self/task')) return undefined;
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    out.set(Number(tid), statCpuMs(stat));
  }
  return out;
}

/** The calling thread's own CPU milliseconds (user + system), or undefined without /proc. */
export function ownThreadCpuMs(): number | undefined {
  return existsSync('/proc/thread-self/stat') ? statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8')) : undefined;
}

function statCpuMs(stat: string): number {
  // Fields after "(comm)", which may itself hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/** CPU milliseconds per seed of each kind of thread, over one window of a run. */
export interface CpuPerSeed {
  /** The seed workers' own threads, all of them together. */
  workerMs: number;
  /** The runner's main thread (scheduling, result messages, events). */
  mainMs: number;
  /** Every other thread: V8's compiler and garbage-collector helpers, libuv, tsx's loader. */
  helperMs: number;
}

/**
 * Splits the CPU used between two snapshots by kind of thread, per seed. The workers are the
 * `workers` threads that used the most CPU in the window, the main thread excepted: each runs
 * seeds back to back (near a core) while no helper thread comes near a tenth of one.
 */
export function cpuPerSeed(before: ThreadCpuMs, after: ThreadCpuMs, mainTid: number, workers: number, seeds: number): CpuPerSeed {
  if (!(workers >= 1 && seeds > 0)) throw new RangeError(`cpuPerSeed: ${workers} workers and ${seeds} seeds; both must be positive`);
  const used: number[] = [];
  let mainMs = 0;
  for (const [tid, ms] of after) {
    const delta = ms - (before.get(tid) ?? 0);
    if (tid === mainTid) mainMs = delta;
    else used.push(delta);
  }
  used.sort((a, b) => b - a);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return { workerMs: sum(used.slice(0, workers)) / seeds, mainMs: mainMs / seeds, helperMs: sum(used.slice(workers)) / seeds };
}
