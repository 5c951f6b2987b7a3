import { realGlobals } from '../core/real-globals.js';
import type { ProcessLife } from '../providers/process-life.js';
import { SupervisedProcessFaults } from '../sim/supervised-process-faults.js';
import type { RealProcess } from './real-process.js';
import type { RealSupervisor } from './real-supervisor.js';

/** ProcessFaults of a --real run: downMs and graceMs are real milliseconds, and each stop runs in
 * a macrotask of its own. One per incarnation that injects it (`life`): its reboot() promises
 * never settle once that incarnation is killed, so a nemesis that reboots its own zone stops there. */
export class RealProcessFaults extends SupervisedProcessFaults<RealProcess> {
  constructor(
    supervisor: RealSupervisor,
    private readonly life?: ProcessLife,
  ) {
    super(supervisor);
  }

  protected stopSoon(stop: () => void): void {
    realGlobals.setImmediate(stop);
  }

  protected override settle(back: Promise<void>): Promise<void> {
    return this.life === undefined ? back : this.life.guard(back);
  }
}
