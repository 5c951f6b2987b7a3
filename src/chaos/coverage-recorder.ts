import type { BucketHit, CoverageHit, CoverageKind, Discovery, NumericBest } from './coverage.js';
import type { SimWorld } from '../core/world.js';
import { isBetter } from './numeric-best.js';
import type { TimelineRecorder } from '../core/timeline-recorder.js';

export type { CoverageKind } from './coverage.js';

/** Orders hits and rows by message then kind, by UTF-16 code units (never locale-dependent). */
export function byMessage(a: { message: string; kind: string }, b: { message: string; kind: string }): number {
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/** Distinct keys one sometimesEach site may have in one seed: a key names one of a few states (a
 * depth, a phase), and a key per request would turn every call into a bucket. */
export const BUCKETS_PER_SITE_MAX = 1024;
/** Discoveries one timeline reports at most (a value that improves at every call would otherwise
 * report every call); the first ones are the ones an exploration branches from. */
export const DISCOVERIES_PER_TIMELINE_MAX = 1000;

/** One seed's assertion sites: what each reached and satisfied, and (when exploring) what the
 * timeline found first, with its event index. A site is its (kind, message). */
export class CoverageRecorder {
  private readonly sites = new Map<string, CoverageHit>();
  /** Bucket of each sometimesEach site by key (the hit's array keeps the first-seen order). */
  private readonly bucketsBySite = new Map<CoverageHit, Map<string, BucketHit>>();
  /** alwaysAssert messages counted (the catalogue's literal ones); undefined: none. */
  private watchedAlways: ReadonlySet<string> | undefined;
  private readonly always = new Map<string, CoverageHit>();
  private discoveries: Discovery[] | undefined;
  /** Discoveries are recorded from this event index on (the first event after the last split). */
  private discoverFrom = 0;

  constructor(private readonly world: SimWorld) {}

  /** Counts the alwaysAssert calls with these messages (others are not sites: see CoverageKind). */
  watchAlways(messages: readonly string[]): void {
    this.watchedAlways = new Set(messages);
  }

  /** Records discoveries from event `fromEvent` on (what came before it, the parent found). */
  recordDiscoveries(fromEvent: number): void {
    this.discoveries = [];
    this.discoverFrom = fromEvent;
  }

  /** The discoveries so far, in event order; undefined when not recording them. */
  discovered(): Discovery[] | undefined {
    return this.discoveries?.slice();
  }

  private discover(discovery: Omit<Discovery, 'eventIndex'>): void {
    const list = this.discoveries;
    const eventIndex = this.world.eventIndex;
    if (list === undefined || eventIndex < this.discoverFrom || list.length >= DISCOVERIES_PER_TIMELINE_MAX) return;
    list.push({ eventIndex, ...discovery });
  }

  /** The hit of a site, created (and discovered as reached) on first use. */
  private hitOf(kind: CoverageKind, message: string): CoverageHit {
    const key = `${kind}\u0000${message}`;
    let hit = this.sites.get(key);
    if (hit === undefined) {
      hit = { message, kind, reached: 0, satisfied: 0 };
      this.sites.set(key, hit);
      this.discover({ kind, message, what: 'reached' });
    }
    return hit;
  }

  private count(hit: CoverageHit, satisfied: boolean): void {
    if (this.world.timeline !== undefined) this.traced(hit.kind, hit.message, satisfied);
    hit.reached++;
    if (!satisfied) return;
    if (hit.satisfied === 0 && hit.kind !== 'reachable' && hit.kind !== 'always') this.discover({ kind: hit.kind, message: hit.message, what: 'satisfied' });
    hit.satisfied++;
  }

  /** sometimesAssert and reachable. */
  record(kind: 'sometimes' | 'reachable', message: string, satisfied: boolean): void {
    this.count(this.hitOf(kind, message), satisfied);
  }

  /** An alwaysAssert that held (a false one fails the seed). Hot: one lookup when watched. */
  alwaysHeld(message: string): void {
    if (this.watchedAlways === undefined || !this.watchedAlways.has(message)) return;
    let hit = this.always.get(message);
    if (hit === undefined) {
      hit = this.hitOf('always', message);
      this.always.set(message, hit);
    }
    hit.reached++;
    hit.satisfied++;
  }

  /** sometimesAll: how many of the named conditions are true at once. */
  all(message: string, conditions: Readonly<Record<string, unknown>>): void {
    const hit = this.hitOf('sometimes-all', message);
    const names = Object.keys(conditions);
    let trueCount = 0;
    for (const name of names) if (conditions[name]) trueCount++;
    hit.conditions = Math.max(hit.conditions ?? 0, names.length);
    if (hit.mostTrue === undefined || trueCount > hit.mostTrue) {
      hit.mostTrue = trueCount;
      hit.mostTrueNames = names.filter((name) => conditions[name]);
      if (trueCount > 0) this.discover({ kind: hit.kind, message, what: 'more-true', mostTrue: trueCount });
    }
    this.count(hit, names.length > 0 && trueCount === names.length);
  }

  /** sometimesEach: one bucket per distinct key. */
  each(message: string, key: string, satisfied: boolean): void {
    const hit = this.hitOf('sometimes-each', message);
    let buckets = this.bucketsBySite.get(hit);
    if (buckets === undefined) {
      buckets = new Map();
      this.bucketsBySite.set(hit, buckets);
      hit.buckets = [];
    }
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      if (buckets.size >= BUCKETS_PER_SITE_MAX) {
        throw new RangeError(
          `sometimesEach(${JSON.stringify(message)}): key ${JSON.stringify(key)} would be bucket ${BUCKETS_PER_SITE_MAX + 1} of this site in seed ${this.world.seed}, ` +
            `more than the ${BUCKETS_PER_SITE_MAX} one site may have. A key should name one of a few states (a depth, a phase, a leader's term modulo a few): ` +
            'key by something with fewer values, or use sometimesAssert.',
        );
      }
      bucket = { key, reached: 0, satisfied: 0 };
      buckets.set(key, bucket);
      (hit.buckets as BucketHit[]).push(bucket);
      this.discover({ kind: hit.kind, message, what: 'bucket', bucket: key });
    }
    if (this.world.timeline !== undefined) this.traced(hit.kind, message, satisfied, key);
    bucket.reached++;
    if (satisfied) {
      if (bucket.satisfied === 0) this.discover({ kind: hit.kind, message, what: 'bucket-satisfied', bucket: key });
      bucket.satisfied++;
    }
    hit.reached++;
    if (satisfied) hit.satisfied++;
  }

  /** The numeric forms: whether `value` held against `bound`, and the best value so far. */
  numeric(kind: CoverageKind, message: string, value: number, bound: number, satisfied: boolean): void {
    const hit = this.hitOf(kind, message);
    const candidate: NumericBest = { value, bound };
    if (isBetter(kind, candidate, hit.best)) {
      // The first value is no improvement: reaching the site was the discovery.
      if (hit.best !== undefined) this.discover({ kind, message, what: 'better', best: { value, bound } });
      hit.best = candidate;
    }
    this.count(hit, satisfied);
  }

  /** An assertion site evaluated, in the seed's timeline. */
  private traced(kind: CoverageKind, message: string, satisfied: boolean, bucket?: string): void {
    const timeline = this.world.timeline as TimelineRecorder;
    const text = kind === 'reachable' ? `reachable "${message}"` : `${kind} "${message}"${bucket === undefined ? '' : ` [${bucket}]`}: ${satisfied}`;
    timeline.record(timeline.runningProcess(), 'assert', text, { fields: { assertion: kind, message, satisfied } });
  }

  /** Copies of the hits, sorted by message (pushed, so the array is PACKED: see packed-array.ts). */
  hits(): CoverageHit[] {
    const copies: CoverageHit[] = [];
    for (const hit of this.sites.values()) copies.push(copyHit(hit));
    return copies.sort(byMessage);
  }
}

function copyHit(hit: CoverageHit): CoverageHit {
  const copy: CoverageHit = { ...hit };
  if (hit.buckets !== undefined) copy.buckets = hit.buckets.map((bucket) => ({ ...bucket }));
  if (hit.mostTrueNames !== undefined) copy.mostTrueNames = [...hit.mostTrueNames];
  if (hit.best !== undefined) copy.best = { ...hit.best };
  return copy;
}

/** The world's attachment key of its coverage recorder (see SimWorld.attachments). */
const COVERAGE = Symbol('moonpool.coverage');

/** The coverage recorder of a world, created on first use (no chaos context needed). */
export function coverageOf(world: SimWorld): CoverageRecorder {
  let recorder = world.attachments.get(COVERAGE) as CoverageRecorder | undefined;
  if (recorder === undefined) {
    recorder = new CoverageRecorder(world);
    world.attachments.set(COVERAGE, recorder);
  }
  return recorder;
}
