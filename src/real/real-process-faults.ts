import type { ProcessInfo } from '../chaos/state-registry.js';
import { realGlobals } from '../core/real-globals.js';
import type { ProcessLife } from '../providers/process-life.js';
import { checkRebootArguments, ProcessFaults, type RebootOptions, type StopKind } from '../sim/process-faults.js';
import type { RealProcess } from './real-process.js';
import type { RealSupervisor } from './real-supervisor.js';

/** ProcessFaults of a --real run: downMs and graceMs are real milliseconds, and each stop runs in
 * a macrotask of its own. One per incarnation that injects it (`life`): its reboot() promises
 * never settle once that incarnation is killed, so a nemesis that reboots its own zone stops there. */
export class RealProcessFaults extends ProcessFaults {
  constructor(
    private readonly supervisor: RealSupervisor,
    private readonly life?: ProcessLife,
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

  private stopAll(processes: RealProcess[], kind: StopKind, downMs: number, graceMs: number): Promise<void> {
    const back = Promise.all(processes.map((p) => this.supervisor.afterRestart(p))).then(() => undefined);
    realGlobals.setImmediate(() => {
      for (const p of processes) this.supervisor.stop(p, kind, downMs, graceMs);
    });
    return this.life === undefined ? back : this.life.guard(back);
  }
}
