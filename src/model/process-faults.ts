import type { ProcessInfo } from '../chaos/state-registry.js';

/** How a process is stopped. `graceful`: its TopologyInfo.shutdown fires and it gets a grace
 * period to return from run(), then it is crashed. `crash`: at once, mid-instruction as far as
 * its tasks can tell. `wipe`: a crash that also erases its disk. */
export type StopKind = 'graceful' | 'crash' | 'wipe';

export const STOP_KINDS: readonly StopKind[] = ['graceful', 'crash', 'wipe'];

/** Milliseconds are simulated ones in a simulation and real ones with `--real`. */
export interface RebootOptions {
  /** Simulated ms the process stays down before it restarts (default 1000). Infinity keeps it
   * down until the liveness phase restarts it: the safety phase ends only once every non-service
   * run() returned, so a non-service workload must not await such a reboot(). */
  downMs?: number;
  /** `graceful` only: simulated ms it gets to return from run() before it is crashed (default 1000). */
  graceMs?: number;
}

export const DEFAULT_DOWN_MS = 1_000;
export const DEFAULT_GRACE_MS = 1_000;


/**
 * Process faults for hand-written nemeses: stop a process (or a whole zone) and restart it as a
 * fresh instance after a down time. An injection token: `@Inject(ProcessFaults)`. Works in
 * simulation and with `--real`.
 */
export abstract class ProcessFaults {
  /** Stops the process at `address` and restarts it after `downMs`; resolves once the new
   * incarnation is constructed and its setup() and run() have begun. A process already down
   * (or stopping) is not stopped again: the promise resolves when it is back up. */
  abstract reboot(address: string, kind: StopKind, options?: RebootOptions): Promise<void>;
  /** Reboots every process of `zone` together; resolves once all are back up. */
  abstract rebootZone(zone: number, kind: StopKind, options?: RebootOptions): Promise<void>;
  abstract isUp(address: string): boolean;
  /** 0 before the first reboot, one more after each. */
  abstract incarnation(address: string): number;
  /** Every process, in address order. */
  abstract processes(): ProcessInfo[];
}

/** Throws a RangeError naming `what` and the valid form for bad reboot arguments. */
export function checkRebootArguments(what: string, kind: unknown, options: RebootOptions | undefined): { downMs: number; graceMs: number } {
  if (!STOP_KINDS.includes(kind as StopKind)) {
    throw new RangeError(`ProcessFaults.${what}: kind ${JSON.stringify(kind)} is not one of ${STOP_KINDS.map((k) => `'${k}'`).join(', ')}.`);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new RangeError(`ProcessFaults.${what}: options must be an object such as { downMs: 500 }, got ${String(options)}.`);
  }
  for (const key of Object.keys(options ?? {})) {
    if (key !== 'downMs' && key !== 'graceMs') throw new RangeError(`ProcessFaults.${what}: unknown option "${key}"; the options are downMs and graceMs.`);
  }
  const downMs = options?.downMs ?? DEFAULT_DOWN_MS;
  const graceMs = options?.graceMs ?? DEFAULT_GRACE_MS;
  if (!(typeof downMs === 'number' && downMs >= 0 && !Number.isNaN(downMs))) {
    throw new RangeError(`ProcessFaults.${what}: downMs ${String(downMs)} must be a number of simulated ms >= 0 (or Infinity: down until the liveness phase).`);
  }
  if (!(typeof graceMs === 'number' && graceMs >= 0 && Number.isFinite(graceMs))) {
    throw new RangeError(`ProcessFaults.${what}: graceMs ${String(graceMs)} must be a finite number of simulated ms >= 0.`);
  }
  return { downMs, graceMs };
}

/** The process at `address`; a RangeError naming every valid address otherwise. `run` names the
 * run in the message (`seed 7`, `--real run`). */
export function processAt<P extends { readonly address: string }>(processes: readonly P[], address: string, what: string, run: string): P {
  const found = processes.find((p) => p.address === address);
  if (found !== undefined) return found;
  throw new RangeError(
    `ProcessFaults.${what}: no process has the address ${JSON.stringify(address)} (${run}); ` +
      `the addresses are ${processes.map((p) => p.address).join(', ')}. Use TopologyInfo.peers(role) to get them.`,
  );
}

/** The processes of `zone`; a RangeError naming the zones when it has none. */
export function processesInZone<P extends { readonly zone: number }>(processes: readonly P[], zone: number, what: string, run: string): P[] {
  const found = processes.filter((p) => p.zone === zone);
  if (found.length > 0) return found;
  const zones = [...new Set(processes.map((p) => p.zone))];
  throw new RangeError(`ProcessFaults.${what}: no process is in zone ${String(zone)} (${run}); the zones are ${zones.join(', ')}.`);
}

/** One injected process stop. */
export interface RebootInfo {
  /** When it was stopped: simulated ms (with `--real`, real ms since the run began). */
  timeMs: number;
  address: string;
  kind: 'graceful' | 'crash' | 'wipe';
  /** Simulated ms it was to stay down (real ms with `--real`; Infinity: until the liveness phase). */
  downMs: number;
}
