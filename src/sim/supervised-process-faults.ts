import type { ProcessInfo } from '../chaos/state-registry.js';
import { checkRebootArguments, ProcessFaults, type RebootOptions, type StopKind } from './process-faults.js';

/** What ProcessFaults needs of a supervisor (the simulation's or --real's). */
export interface SupervisedProcesses<P extends { up: boolean; incarnation: number }> {
  byAddress(address: string, what: string): P;
  inZone(zone: number, what: string): P[];
  describe(): ProcessInfo[];
  /** Settles once `process` next restarts and its new incarnation is set up. */
  afterRestart(process: P): Promise<void>;
  stop(process: P, kind: StopKind, downMs: number, graceMs: number): boolean;
}

/** ProcessFaults over a supervisor: arguments checked, stops issued in a turn of their own
 * (`stopSoon`: an event in a simulation, a macrotask with --real), never inside the caller's. */
export abstract class SupervisedProcessFaults<P extends { up: boolean; incarnation: number }> extends ProcessFaults {
  constructor(private readonly supervisor: SupervisedProcesses<P>) {
    super();
  }

  /** Runs `stop` in a turn of its own. */
  protected abstract stopSoon(stop: () => void): void;

  /** What the caller awaits of a reboot (with --real, guarded by the caller's life). */
  protected settle(back: Promise<void>): Promise<void> {
    return back;
  }

  reboot(address: string, kind: StopKind, options?: RebootOptions): Promise<void> {
    const { downMs, graceMs } = checkRebootArguments('reboot', kind, options);
    return this.stopAll([this.supervisor.byAddress(address, 'reboot')], kind, downMs, graceMs);
  }

  rebootZone(zone: number, kind: StopKind, options?: RebootOptions): Promise<void> {
    const { downMs, graceMs } = checkRebootArguments('rebootZone', kind, options);
    return this.stopAll(this.supervisor.inZone(zone, 'rebootZone'), kind, downMs, graceMs);
  }

  isUp(address: string): boolean {
    return this.supervisor.byAddress(address, 'isUp').up;
  }

  incarnation(address: string): number {
    return this.supervisor.byAddress(address, 'incarnation').incarnation;
  }

  processes(): ProcessInfo[] {
    return this.supervisor.describe();
  }

  private stopAll(processes: P[], kind: StopKind, downMs: number, graceMs: number): Promise<void> {
    const back = Promise.all(processes.map((p) => this.supervisor.afterRestart(p))).then(() => undefined);
    this.stopSoon(() => {
      for (const p of processes) this.supervisor.stop(p, kind, downMs, graceMs);
    });
    return this.settle(back);
  }
}
