import type { AttritionConfig } from '../model/attrition-options.js';
import { AttritionPicker, type AttritionRandom } from '../model/attrition-picker.js';
import type { IncarnationScope, LifecycleWorld, Timer } from './lifecycle-world.js';
import type { Supervisor } from './supervisor.js';

/**
 * Random process deaths in the safety phase: every `intervalMs` (drawn) a turn of its own stops
 * what the AttritionPicker chose. A simulation draws from the seed's attrition stream; --real
 * from crypto randomness, so a real run is not replayable.
 */
export class Attrition<S extends IncarnationScope> {
  private next: Timer | undefined;
  private readonly picker: AttritionPicker;

  constructor(
    private readonly world: LifecycleWorld<S>,
    private readonly supervisor: Supervisor<S>,
    private readonly config: AttritionConfig,
    random: AttritionRandom,
  ) {
    this.picker = new AttritionPicker(config, random);
  }

  start(): void {
    this.scheduleNext();
  }

  /** The liveness phase began (or the run ended): no more deaths. */
  stop(): void {
    this.next?.cancel();
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
