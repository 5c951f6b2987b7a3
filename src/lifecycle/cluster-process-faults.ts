import type { ProcessInfo } from '../chaos/state-registry.js';
import { checkRebootArguments, ProcessFaults, type RebootOptions, type StopKind } from '../model/process-faults.js';
import type { ClusterProcess } from './cluster-process.js';
import type { IncarnationScope, LifecycleWorld } from './lifecycle-world.js';
import type { Supervisor } from './supervisor.js';

/** ProcessFaults over a cluster's supervisor: arguments checked, stops issued in a turn of their
 * own, never inside the caller's. One per incarnation that injects it (`scope`): with --real its
 * reboot() promises never settle once that incarnation is killed, so a nemesis that reboots its
 * own zone stops there (in a simulation the wait belongs to the task that awaits it). */
export class ClusterProcessFaults<S extends IncarnationScope> extends ProcessFaults {
  constructor(
    private readonly world: LifecycleWorld<S>,
    private readonly supervisor: Supervisor<S>,
    private readonly scope?: S,
  ) {
    super();
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

  private stopAll(processes: ClusterProcess<S>[], kind: StopKind, downMs: number, graceMs: number): Promise<void> {
    const back = Promise.all(processes.map((p) => this.supervisor.afterRestart(p, this.scope))).then(() => undefined);
    this.world.schedule(0, 'process-stop', () => {
      for (const p of processes) this.supervisor.stop(p, kind, downMs, graceMs);
    });
    return back;
  }
}
