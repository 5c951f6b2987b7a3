import type { CoverageHit } from '../sim/report.js';
import type { SimWorld } from '../core/world.js';
import type { TimelineRecorder } from '../timeline/timeline-recorder.js';

export type CoverageKind = CoverageHit['kind'];

/** Orders hits and rows by message then kind, by UTF-16 code units (never locale-dependent). */
export function byMessage(a: { message: string; kind: string }, b: { message: string; kind: string }): number {
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/** One seed's sometimes/reachable counts. A site is its (kind, message). */
export class CoverageRecorder {
  private readonly sites = new Map<string, CoverageHit>();

  constructor(private readonly timeline: TimelineRecorder | undefined = undefined) {}

  record(kind: CoverageKind, message: string, satisfied: boolean): void {
    if (this.timeline !== undefined) {
      const text = kind === 'reachable' ? `reachable "${message}"` : `sometimes "${message}": ${satisfied}`;
      this.timeline.record(this.timeline.runningProcess(), 'assert', text, { fields: { assertion: kind, message, satisfied } });
    }
    const key = `${kind}\u0000${message}`;
    let hit = this.sites.get(key);
    if (hit === undefined) {
      hit = { message, kind, reached: 0, satisfied: 0 };
      this.sites.set(key, hit);
    }
    hit.reached++;
    if (satisfied) hit.satisfied++;
  }

  /** Copies of the hits, sorted by message (pushed, so the array is PACKED: see packed-array.ts). */
  hits(): CoverageHit[] {
    const copies: CoverageHit[] = [];
    for (const hit of this.sites.values()) copies.push({ ...hit });
    return copies.sort(byMessage);
  }
}

/** The world's attachment key of its coverage recorder (see SimWorld.attachments). */
const COVERAGE = Symbol('moonpool.coverage');

/** The coverage recorder of a world, created on first use (no chaos context needed). */
export function coverageOf(world: SimWorld): CoverageRecorder {
  let recorder = world.attachments.get(COVERAGE) as CoverageRecorder | undefined;
  if (recorder === undefined) {
    recorder = new CoverageRecorder(world.timeline);
    world.attachments.set(COVERAGE, recorder);
  }
  return recorder;
}
