import { realGlobals } from '../core/real-globals.js';
import { NodeRandomProvider } from '../providers/node-random-provider.js';
import type { RandomProvider } from '../providers/random-provider.js';
import type { AttritionConfig } from '../sim/attrition-options.js';
import { AttritionPicker } from '../sim/attrition-picker.js';
import type { RealSupervisor } from './real-supervisor.js';

/**
 * Attrition of a --real run: the simulation's choices (AttritionPicker: kind by weight, down
 * time, a process or a zone, never more than maxDead down, only the configured roles) on real
 * timers, with intervals and down times in real milliseconds. It draws from `random` (crypto by
 * default), not from a seed: a real run is not replayable. Runs in the safety phase only.
 */
export class RealAttrition {
  private timer: ReturnType<typeof realGlobals.setTimeout> | undefined;
  private running = false;
  private readonly picker: AttritionPicker;

  constructor(
    private readonly supervisor: RealSupervisor,
    private readonly config: AttritionConfig,
    random: RandomProvider = new NodeRandomProvider(),
  ) {
    this.picker = new AttritionPicker(config, {
      float: () => random.random(),
      between: (lo, hi) => lo + (hi - lo) * random.random(),
      pick: (items) => random.pick(items),
    });
  }

  start(): void {
    this.running = true;
    this.scheduleNext();
  }

  /** The liveness phase began (or the run ended): no more deaths. */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) realGlobals.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(): void {
    this.timer = realGlobals.setTimeout(this.tick, this.picker.intervalMs());
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (!this.running || this.supervisor.inLiveness) return;
    const { kind, downMs, targets } = this.picker.next(this.supervisor.processes);
    for (const process of targets) this.supervisor.stop(process, kind, downMs, this.config.graceMs);
    this.scheduleNext();
  };
}
