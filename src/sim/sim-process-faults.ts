import type { SimWorld } from '../core/world.js';
import type { SimProcess } from './sim-process.js';
import { SupervisedProcessFaults } from './supervised-process-faults.js';
import type { Supervisor } from './supervisor.js';

/** ProcessFaults of a simulated seed: each stop is an event of its own at the current time. */
export class SimProcessFaults extends SupervisedProcessFaults<SimProcess> {
  constructor(
    private readonly world: SimWorld,
    supervisor: Supervisor,
  ) {
    super(supervisor);
  }

  protected stopSoon(stop: () => void): void {
    this.world.schedule(0, 'process-stop', stop);
  }
}
