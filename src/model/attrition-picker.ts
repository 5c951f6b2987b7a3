import type { AttritionConfig } from './attrition-options.js';
import { STOP_KINDS, type StopKind } from './process-faults.js';

/** What attrition reads of a process (a simulated process and a --real one both are). */
export interface AttritionCandidate {
  readonly role: string;
  readonly zone: number;
  readonly up: boolean;
  /** Stopped gracefully and within its grace period: counts as dead. */
  readonly stopping: boolean;
  /** Its current incarnation's setup() returned: until then (recovering) it counts as dead. */
  readonly ready: boolean;
  /** Its current incarnation's run() returned. */
  readonly runReturned: boolean;
  readonly definition: { readonly service: boolean };
}

/** The draws attrition makes: the seed's attrition stream in a simulation, crypto randomness
 * with `--real`. */
export interface AttritionRandom {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

/** One attempt: stop `targets` (none when nothing fits under deadMax) with `kind`, for `downMs`. */
export interface AttritionStrike<P> {
  kind: StopKind;
  downMs: number;
  targets: P[];
}

/** Processes down, stopping, or restarted but not yet through setup() (a replica still
 * recovering is no more available than a down one): what deadMax bounds. */
export function deadCount(processes: readonly AttritionCandidate[]): number {
  let dead = 0;
  for (const p of processes) if (!isAvailable(p)) dead++;
  return dead;
}

function isAvailable(process: AttritionCandidate): boolean {
  return process.up && process.ready && !process.stopping;
}

/**
 * Attrition's choices, without its clock: the wait before each attempt, then the kind of stop
 * (by weight), the down time and a target (a process, or a whole zone), in that order of draws,
 * never putting more than `deadMax` processes down at once (a restarted process counts as down
 * until its setup() returns: do recovery there). A non-service process whose run()
 * already returned is never picked: its work is done, and a restart would begin it again.
 */
export class AttritionPicker {
  private readonly weightTotal: number;

  constructor(
    private readonly config: AttritionConfig,
    private readonly rng: AttritionRandom,
  ) {
    this.weightTotal = STOP_KINDS.reduce((sum, kind) => sum + config.kinds[kind], 0);
  }

  /** Ms until the next attempt. */
  intervalMs(): number {
    const [lo, hi] = this.config.intervalMs;
    return this.rng.between(lo, hi);
  }

  next<P extends AttritionCandidate>(processes: readonly P[]): AttritionStrike<P> {
    const kind = this.drawKind();
    const [lo, hi] = this.config.downMs;
    const downMs = this.rng.between(lo, hi);
    const targets = this.config.scope === 'zone' ? this.zoneTarget(processes) : this.processTarget(processes);
    return { kind, downMs, targets };
  }

  private drawKind(): StopKind {
    let point = this.rng.float() * this.weightTotal;
    for (const kind of STOP_KINDS) {
      point -= this.config.kinds[kind];
      if (point < 0 && this.config.kinds[kind] > 0) return kind;
    }
    return STOP_KINDS.filter((k) => this.config.kinds[k] > 0).at(-1) as StopKind;
  }

  private eligible(process: AttritionCandidate): boolean {
    if (!isAvailable(process)) return false;
    if (this.config.roles !== undefined && !this.config.roles.includes(process.role)) return false;
    return process.definition.service || !process.runReturned;
  }

  private processTarget<P extends AttritionCandidate>(processes: readonly P[]): P[] {
    if (deadCount(processes) + 1 > this.config.deadMax) return [];
    const candidates = processes.filter((p) => this.eligible(p));
    return candidates.length === 0 ? [] : [this.rng.pick(candidates)];
  }

  /** A zone with an eligible process whose live members all fit under deadMax. */
  private zoneTarget<P extends AttritionCandidate>(processes: readonly P[]): P[] {
    const dead = deadCount(processes);
    const zones: P[][] = [];
    for (const p of processes) {
      if (!this.eligible(p) || zones.some((z) => z[0].zone === p.zone)) continue;
      const members = processes.filter((q) => q.zone === p.zone && isAvailable(q));
      if (dead + members.length <= this.config.deadMax) zones.push(members);
    }
    return zones.length === 0 ? [] : this.rng.pick(zones);
  }
}
