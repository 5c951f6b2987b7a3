import type { ProcessInfo } from '../chaos/state-registry.js';
import type { SimWorld } from '../core/world.js';
import { checkRebootArguments, ProcessFaults, type RebootOptions, type StopKind } from './process-faults.js';
import type { SimProcess } from './sim-process.js';
import type { Supervisor } from './supervisor.js';

/** ProcessFaults of a simulated seed: each stop is an event of its own at the current time. */
export class SimProcessFaults extends ProcessFaults {
  constructor(
    private readonly world: SimWorld,
    private readonly supervisor: Supervisor,
  ) {
    super();
  }

  reboot(address: string, kind: StopKind, options?: RebootOptions): Promise<void> {
    const { downMs, graceMs } = checkRebootArguments('reboot', kind, options);
    const process = this.supervisor.byAddress(address, 'reboot');
    return this.stopAll([process], kind, downMs, graceMs);
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

  private stopAll(processes: SimProcess[], kind: StopKind, downMs: number, graceMs: number): Promise<void> {
    const back = processes.map((p) => this.supervisor.afterRestart(p));
    this.world.schedule(0, 'process-stop', () => {
      for (const p of processes) this.supervisor.stop(p, kind, downMs, graceMs);
    });
    return Promise.all(back).then(() => undefined);
  }
}
