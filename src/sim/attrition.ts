import type { SimEvent } from '../core/event.js';
import type { RngStream } from '../core/rng.js';
import type { SimWorld } from '../core/world.js';
import type { AttritionConfig } from './attrition-options.js';
import { STOP_KINDS, type StopKind } from './process-faults.js';
import type { SimProcess } from './sim-process.js';
import type { Supervisor } from './supervisor.js';

/**
 * Random process deaths in the safety phase: every `intervalMs` (drawn) it picks a kind of stop,
 * a target (a process, or a whole zone) and a down time, all from the seed's attrition stream,
 * and stops the target unless that would put more than `maxDead` processes down at once (a
 * restarted process counts as down until its setup() returns: do recovery there). A
 * non-service process whose run() already returned is never picked: its work is done, and a
 * restart would begin it again.
 */
export class Attrition {
  private next: SimEvent | undefined;
  private readonly weightTotal: number;

  constructor(
    private readonly world: SimWorld,
    private readonly supervisor: Supervisor,
    private readonly config: AttritionConfig,
    private readonly rng: RngStream,
  ) {
    this.weightTotal = STOP_KINDS.reduce((sum, kind) => sum + config.kinds[kind], 0);
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
    const [lo, hi] = this.config.intervalMs;
    this.next = this.world.schedule(this.rng.between(lo, hi), 'attrition', this.tick);
  }

  private readonly tick = (): void => {
    this.next = undefined;
    if (this.supervisor.inLiveness) return;
    const kind = this.drawKind();
    const [lo, hi] = this.config.downMs;
    const downMs = this.rng.between(lo, hi);
    const targets = this.config.scope === 'zone' ? this.zoneTarget() : this.processTarget();
    for (const process of targets) this.supervisor.stop(process, kind, downMs, this.config.graceMs);
    this.scheduleNext();
  };

  private drawKind(): StopKind {
    let point = this.rng.float() * this.weightTotal;
    for (const kind of STOP_KINDS) {
      point -= this.config.kinds[kind];
      if (point < 0 && this.config.kinds[kind] > 0) return kind;
    }
    return STOP_KINDS.filter((k) => this.config.kinds[k] > 0).at(-1) as StopKind;
  }

  private eligible(process: SimProcess): boolean {
    if (!process.up || !process.ready || process.stopping) return false;
    if (this.config.roles !== undefined && !this.config.roles.includes(process.role)) return false;
    return process.definition.service || !process.runReturned;
  }

  private processTarget(): SimProcess[] {
    if (this.supervisor.deadCount + 1 > this.config.maxDead) return [];
    const candidates = this.supervisor.processes.filter((p) => this.eligible(p));
    return candidates.length === 0 ? [] : [this.rng.pick(candidates)];
  }

  /** A zone with an eligible process whose live members all fit under maxDead. */
  private zoneTarget(): SimProcess[] {
    const dead = this.supervisor.deadCount;
    const zones: SimProcess[][] = [];
    for (const p of this.supervisor.processes) {
      if (!this.eligible(p) || zones.some((z) => z[0].zone === p.zone)) continue;
      const members = this.supervisor.processes.filter((q) => q.zone === p.zone && q.up && q.ready && !q.stopping);
      if (dead + members.length <= this.config.maxDead) zones.push(members);
    }
    return zones.length === 0 ? [] : this.rng.pick(zones);
  }
}
