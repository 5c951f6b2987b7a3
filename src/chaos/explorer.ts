// Coverage-guided multiverse exploration (`--strategy explore:N`), after moonpool-explorer's
// fork-at-discovery loop, without fork(): a child timeline is its parent's seed replayed up to
// the event of a discovery, whose chaos and workload streams then draw from a child seed (a
// recipe, recipe.ts). This class is the pure part: which timeline runs next and what each
// recorded timeline's discoveries spawn. No I/O, no clocks: the seed loop (explore-case.ts) runs
// the timelines. Its decisions depend only on the results in the order they are recorded, so an
// exploration is the same whatever the number of workers.
//
// The budget is N timelines in all. The first `warmupRoots` are seeds of the run's sequence (as
// `fixed` runs them), so a bug that random seeds find at once is found as early; their
// discoveries that at most a tenth of them share become marks. From then on every timeline's
// discoveries that are new to the run are marks at once, explored depth first. A mark spends
// its energy on batches of children; a batch none of whose children found anything new makes it
// barren, and its unspent energy goes to a pool that productive marks draw on once theirs is
// spent. When no mark has children to run, the next seed of the sequence runs.
import type { CoverageHit, Discovery } from './coverage.js';
import { fmix32 } from './hash.js';
import { Explored, hitsShow } from './explored.js';
import type { Split } from '../core/rng.js';
import { formatRecipe, SPLITS_MAX } from './recipe.js';
import { seedAt } from './seed-at.js';

export interface ExploreEnergy {
  /** Seeds of the sequence run before any branching. */
  warmupRoots: number;
  /** Children a mark runs before it decides, from their discoveries, whether to run more. */
  batch: number;
  /** Children a mark runs before a batch that found nothing new can end it (the odds of a rare
   * next step are low for each child: a mark is barren only after this many tried). */
  markMin: number;
  /** Children a mark may run from its own energy, before drawing on the pool. */
  markEnergy: number;
  /** Splits a timeline may have (SPLITS_MAX at most). */
  depthMax: number;
}

/** What the explorer learns from a finished timeline. */
export interface TimelineOutcome {
  ok: boolean;
  events: number;
  coverage: CoverageHit[];
  discoveries?: Discovery[];
}

/** How an exploration spent its timelines. */
export interface ExplorationSummary {
  /** Timelines started from a seed of the run's sequence. */
  roots: number;
  /** Timelines split from another at one of its discoveries. */
  children: number;
  /** Discoveries new to the run (across all timelines so far when they were made). */
  discoveries: number;
  /** Discoveries branched from (each gets one or more batches of children). */
  marks: number;
  /** The most splits any timeline had. */
  depthMax: number;
  /** The first failing timeline, in the order timelines were recorded (1-based), when any. */
  firstFailureAt?: number;
}

/** The defaults for a budget of `timelines` (tuned on fixtures/maze: see the README). */
export function defaultEnergy(timelines: number): ExploreEnergy {
  return {
    warmupRoots: Math.min(100, Math.max(1, Math.round(timelines / 20))),
    batch: 8,
    markMin: 24,
    markEnergy: Math.max(24, Math.round(timelines / 25)),
    depthMax: 30,
  };
}

/** One timeline to run: a seed of the sequence, or a child split from another at a mark. */
export interface TimelineSpec {
  /** The recipe text (`123@4567/89`): its identity. */
  key: string;
  /** The root seed. */
  seed: number;
  splits: readonly Split[];
  /** The mark it was split at; undefined for a root. */
  mark: Mark | undefined;
}

/** A discovery branched from: the timeline that made it and the event after which children split. */
interface Mark {
  parent: TimelineSpec;
  afterEvent: number;
  /** Energy left of the mark's own. */
  energy: number;
  /** Children split so far (numbers their seeds). */
  spawned: number;
  /** Children of the current batch not yet recorded, and whether one found something new. */
  pending: number;
  productive: boolean;
}

/** A warm-up discovery, kept until the warm-up ends shows how common it is. */
interface Candidate {
  mark: Mark;
  discovery: Discovery;
}

export interface ExplorerOptions {
  /** Timelines in all. */
  timelines: number;
  baseSeed: number;
  /** The sequence's seeds this explorer starts from: index `first`, then every `step`-th (a shard's). */
  first?: number;
  step?: number;
  energy?: Partial<ExploreEnergy>;
}

export class Explorer {
  readonly energy: ExploreEnergy;
  private readonly explored = new Explored();
  /** Children waiting to run, the next first. */
  private readonly children: TimelineSpec[] = [];
  /** Warm-up marks, rarest first, each waiting for its first batch. */
  private readonly waiting: Mark[] = [];
  private readonly candidates: Candidate[] = [];
  /** The warm-up roots' coverage, to count how many show each candidate. */
  private readonly warmupHits: CoverageHit[][] = [];
  private nextRoot: number;
  private pool = 0;
  private recorded = 0;
  private readonly stats: ExplorationSummary = { roots: 0, children: 0, discoveries: 0, marks: 0, depthMax: 0 };

  constructor(private readonly options: ExplorerOptions) {
    this.energy = { ...defaultEnergy(options.timelines), ...options.energy };
    const { warmupRoots, batch, markMin, markEnergy, depthMax } = this.energy;
    for (const [name, value] of Object.entries({ timelines: options.timelines, warmupRoots, batch, markMin, markEnergy, depthMax })) {
      if (!(Number.isSafeInteger(value) && value >= 1)) throw new RangeError(`Explorer: ${name} ${value} must be a positive integer.`);
    }
    if (depthMax > SPLITS_MAX) throw new RangeError(`Explorer: depthMax ${depthMax} exceeds SPLITS_MAX (${SPLITS_MAX}), the most splits a recipe holds.`);
    this.nextRoot = options.first ?? 0;
  }

  /** All timelines of the budget are recorded. */
  get done(): boolean {
    return this.recorded >= this.options.timelines;
  }

  private get warmingUp(): boolean {
    return this.stats.roots < this.energy.warmupRoots && this.recorded < this.options.timelines;
  }

  /** The timelines that run next, in order, as far as they are known now (children spawned by
   * what is recorded meanwhile come before some of them): what to start ahead. */
  upcoming(count: number): TimelineSpec[] {
    const left = Math.min(count, this.options.timelines - this.recorded);
    const specs = this.children.slice(0, left);
    for (let i = 0; specs.length < left; i++) specs.push(this.root(this.nextRoot + i * (this.options.step ?? 1)));
    return specs;
  }

  /** Takes the next timeline to run and record; undefined once the budget is spent. */
  next(): TimelineSpec | undefined {
    if (this.done) return undefined;
    const child = this.children.shift();
    if (child !== undefined) return child;
    const spec = this.root(this.nextRoot);
    this.nextRoot += this.options.step ?? 1;
    return spec;
  }

  private root(index: number): TimelineSpec {
    const seed = seedAt(this.options.baseSeed, index);
    return { key: String(seed), seed, splits: [], mark: undefined };
  }

  /** Records the result of the timeline `next()` gave last: its discoveries new to the run become
   * marks, and its mark's batch may end. */
  record(spec: TimelineSpec, result: TimelineOutcome): void {
    this.recorded++;
    if (spec.mark === undefined) this.stats.roots++;
    else this.stats.children++;
    this.stats.depthMax = Math.max(this.stats.depthMax, spec.splits.length);
    if (!result.ok && this.stats.firstFailureAt === undefined) this.stats.firstFailureAt = this.recorded;
    const found = (result.discoveries ?? []).filter((d) => this.explored.admit(d));
    this.stats.discoveries += found.length;
    // First: the next batch of this child's mark goes behind the marks the child just made.
    if (spec.mark !== undefined) this.batchDone(spec.mark, found.length > 0);
    if (spec.mark === undefined && this.stats.roots <= this.energy.warmupRoots) {
      this.warmupHits.push(result.coverage);
      for (const discovery of found) {
        const mark = this.markAt(spec, discovery.eventIndex, result.events);
        if (mark !== undefined) this.candidates.push({ mark, discovery });
      }
      if (this.stats.roots === this.energy.warmupRoots) this.endWarmup();
    } else {
      // Depth first: the latest discovery (the furthest the timeline got) is explored first.
      const events = [...new Set(found.map((d) => d.eventIndex))].sort((a, b) => b - a);
      const marks = events.map((event) => this.markAt(spec, event, result.events)).filter((mark) => mark !== undefined);
      for (const mark of marks.reverse()) this.startBatch(mark);
    }
    if (this.children.length === 0 && !this.warmingUp) {
      const mark = this.waiting.shift();
      if (mark !== undefined) this.startBatch(mark);
    }
  }

  /** A mark after `afterEvent` of `parent`, unless nothing came after that event or the parent
   * is at the depth bound. */
  private markAt(parent: TimelineSpec, afterEvent: number, events: number): Mark | undefined {
    if (afterEvent >= events || parent.splits.length >= this.energy.depthMax) return undefined;
    return { parent, afterEvent, energy: this.energy.markEnergy, spawned: 0, pending: 0, productive: false };
  }

  /** The warm-up's rare discoveries (shown by at most a tenth of its roots) wait as marks,
   * rarest first, then in the order found. */
  private endWarmup(): void {
    const rareMax = Math.max(1, Math.floor(this.energy.warmupRoots / 10));
    const rated = this.candidates.map((candidate, order) => ({ candidate, order, shown: this.warmupHits.filter((hits) => hitsShow(hits, candidate.discovery)).length }));
    const rare = rated.filter((r) => r.shown <= rareMax).sort((a, b) => a.shown - b.shown || a.order - b.order);
    // One mark per timeline and event: discoveries made at one event split at one point.
    const seen = new Set<string>();
    for (const { candidate } of rare) {
      const at = `${candidate.mark.parent.key}@${candidate.mark.afterEvent}`;
      if (seen.has(at)) continue;
      seen.add(at);
      this.waiting.push(candidate.mark);
    }
    this.candidates.length = 0;
    this.warmupHits.length = 0;
  }

  /** Puts the mark's next batch of children first in line: its own energy, then the pool's. */
  private startBatch(mark: Mark): void {
    const fromMark = Math.min(this.energy.batch, mark.energy);
    const fromPool = Math.min(this.energy.batch - fromMark, this.pool);
    if (fromMark + fromPool === 0) return;
    mark.energy -= fromMark;
    this.pool -= fromPool;
    if (mark.spawned === 0) this.stats.marks++;
    const batch: TimelineSpec[] = [];
    for (let i = 0; i < fromMark + fromPool; i++) batch.push(this.child(mark, mark.spawned++));
    mark.pending = batch.length;
    mark.productive = false;
    this.children.unshift(...batch);
  }

  private child(mark: Mark, index: number): TimelineSpec {
    const { parent, afterEvent } = mark;
    const lastSeed = parent.splits.length === 0 ? parent.seed : parent.splits[parent.splits.length - 1].seed;
    const seed = childSeed(lastSeed, afterEvent, index);
    const splits = [...parent.splits, { afterEvent, seed }];
    return { key: formatRecipe({ seed: parent.seed, splits }), seed: parent.seed, splits, mark };
  }

  /** One child of `mark` was recorded: at the end of its batch, a productive mark (or one that
   * ran fewer than markMin children) runs another; a barren one gives its energy left to the pool. */
  private batchDone(mark: Mark, productive: boolean): void {
    mark.productive ||= productive;
    mark.pending--;
    if (mark.pending > 0) return;
    if (mark.productive || mark.spawned < this.energy.markMin) this.startBatch(mark);
    else {
      this.pool += mark.energy;
      mark.energy = 0;
    }
  }

  /** How the timelines were spent so far. */
  summary(): ExplorationSummary {
    return { ...this.stats };
  }
}

/** The seed of child `index` split at `afterEvent` from a timeline whose streams draw from
 * `lastSeed`: any well-mixed function does, since the recipe carries the seeds it chose. */
export function childSeed(lastSeed: number, afterEvent: number, index: number): number {
  return fmix32(fmix32(lastSeed ^ fmix32(afterEvent + 0x632be5ab)) + Math.imul(index + 1, 0x9e3779b9));
}
