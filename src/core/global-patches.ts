import { invariant } from './assert.js';

interface Patch {
  target: Record<PropertyKey, unknown>;
  key: PropertyKey;
  saved: unknown;
  installed: unknown;
}

/**
 * Writable data properties of long-lived objects (globalThis, Math) replaced for the length of
 * a seed, by assignment (defining properties on the global object costs far more). Restored in
 * reverse order of installation; a property the seed's own code replaced meanwhile is still put
 * back, and named, so no seed leaks a patch into the next.
 */
export class GlobalPatches {
  private readonly patches: Patch[] = [];
  private restored = false;

  set(target: object, key: PropertyKey, value: unknown): void {
    invariant(!this.restored, 'patches installed after their restore');
    const record = target as Record<PropertyKey, unknown>;
    this.patches.push({ target: record, key, saved: record[key], installed: value });
    record[key] = value;
  }

  /** Puts every property back, last installed first; returns the names of those found replaced. */
  restore(describe: (target: object, key: PropertyKey) => string): string[] {
    invariant(!this.restored, 'patches restored twice');
    this.restored = true;
    const replaced: string[] = [];
    for (let i = this.patches.length - 1; i >= 0; i--) {
      const { target, key, saved, installed } = this.patches[i];
      if (target[key] !== installed) replaced.push(describe(target, key));
      target[key] = saved;
    }
    return replaced;
  }
}
