import type { CoverageHit, Discovery, NumericBest } from './coverage.js';
import { bestScore, isBetter } from './numeric-best.js';

function siteKey(d: Pick<Discovery, 'kind' | 'message'>): string {
  return `${d.kind}\u0000${d.message}`;
}

/** What an exploration has found so far, across every timeline it recorded: the yardstick a
 * timeline's discoveries are measured against (the explored map of moonpool-explorer). */
export class Explored {
  private readonly reached = new Set<string>();
  private readonly satisfied = new Set<string>();
  private readonly buckets = new Set<string>();
  private readonly bucketsSatisfied = new Set<string>();
  private readonly mostTrue = new Map<string, number>();
  private readonly best = new Map<string, NumericBest>();

  /** Takes in one discovery of a timeline; true when the run had not found it yet. */
  admit(d: Discovery): boolean {
    const site = siteKey(d);
    switch (d.what) {
      case 'reached':
        return addNew(this.reached, site);
      case 'satisfied':
        return addNew(this.satisfied, site);
      case 'bucket':
        return addNew(this.buckets, `${site}\u0000${d.bucket}`);
      case 'bucket-satisfied':
        return addNew(this.bucketsSatisfied, `${site}\u0000${d.bucket}`);
      case 'more-true': {
        const known = this.mostTrue.get(site) ?? 0;
        if ((d.mostTrue ?? 0) <= known) return false;
        this.mostTrue.set(site, d.mostTrue ?? 0);
        return true;
      }
      case 'better': {
        if (d.best === undefined || !isBetter(d.kind, d.best, this.best.get(site))) return false;
        this.best.set(site, d.best);
        return true;
      }
    }
  }
}

function addNew(set: Set<string>, key: string): boolean {
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

/** Whether a seed's hits show what `d` found (the site reached, the bucket seen, as many
 * conditions true at once, as good a value): how common a discovery is among seeds. */
export function hitsShow(hits: readonly CoverageHit[], d: Discovery): boolean {
  const hit = hits.find((h) => h.kind === d.kind && h.message === d.message);
  if (hit === undefined) return false;
  switch (d.what) {
    case 'reached':
      return hit.reached > 0;
    case 'satisfied':
      return hit.satisfied > 0;
    case 'bucket':
      return hit.buckets?.some((b) => b.key === d.bucket) ?? false;
    case 'bucket-satisfied':
      return hit.buckets?.some((b) => b.key === d.bucket && b.satisfied > 0) ?? false;
    case 'more-true':
      return (hit.mostTrue ?? 0) >= (d.mostTrue ?? 0);
    case 'better':
      return hit.best !== undefined && d.best !== undefined && bestScore(d.kind, hit.best.value, hit.best.bound) >= bestScore(d.kind, d.best.value, d.best.bound);
  }
}
