import type { SimEvent } from '../core/event.js';
import type { RngStream } from '../core/rng.js';
import type { SimWorld } from '../core/world.js';
import type { AttritionConfig } from './attrition-options.js';
import { AttritionPicker } from './attrition-picker.js';
import type { Supervisor } from './supervisor.js';

/**
 * Random process deaths in the safety phase: every `intervalMs` (drawn) an event of its own
 * stops what the AttritionPicker chose, all drawn from the seed's attrition stream.
 */
export class Attrition {
  private next: SimEvent | undefined;
  private readonly picker: AttritionPicker;

  constructor(
    private readonly world: SimWorld,
    private readonly supervisor: Supervisor,
    private readonly config: AttritionConfig,
    rng: RngStream,
  ) {
    this.picker = new AttritionPicker(config, rng);
  }

  start(): void {
    this.scheduleNext();
  }

  /** The liveness phase began: no more deaths. */
  stop(): void {
    if (this.next !== undefined) this.world.cancel(this.next);
    this.next = undefined;
  }

  private scheduleNext(): void {
    this.next = this.world.schedule(this.picker.intervalMs(), 'attrition', this.tick);
  }

  private readonly tick = (): void => {
    this.next = undefined;
    if (this.supervisor.inLiveness) return;
    const { kind, downMs, targets } = this.picker.next(this.supervisor.processes);
    for (const process of targets) this.supervisor.stop(process, kind, downMs, this.config.graceMs);
    this.scheduleNext();
  };
}
