import { invariant } from './assert.js';

interface Patch {
  target: object;
  key: PropertyKey;
  /** The property as it was, or undefined when the target had no own property of that name. */
  saved: PropertyDescriptor | undefined;
  installed: PropertyDescriptor;
}

function sameProperty(a: PropertyDescriptor | undefined, b: PropertyDescriptor): boolean {
  return a !== undefined && a.value === b.value && a.get === b.get && a.set === b.set;
}

/**
 * Properties of long-lived objects (globalThis, Math, performance, process...) replaced for the
 * length of a seed. Restored in reverse order of installation; a property the seed's own code
 * replaced meanwhile is still put back, and named, so no seed leaks a patch into the next.
 */
export class GlobalPatches {
  private readonly patches: Patch[] = [];
  private restored = false;

  /** Replaces `target[key]` with `value` (a data property) or an accessor descriptor. */
  set(target: object, key: PropertyKey, replacement: { value: unknown } | { get(): unknown }): void {
    invariant(!this.restored, 'patches installed after their restore');
    const saved = Object.getOwnPropertyDescriptor(target, key);
    const installed: PropertyDescriptor =
      'get' in replacement
        ? { configurable: true, enumerable: saved?.enumerable ?? false, get: replacement.get }
        : { configurable: true, enumerable: saved?.enumerable ?? false, writable: true, value: replacement.value };
    Object.defineProperty(target, key, installed);
    this.patches.push({ target, key, saved, installed });
  }

  /** Puts every property back, last installed first; returns the names of those found replaced. */
  restore(describe: (target: object, key: PropertyKey) => string): string[] {
    invariant(!this.restored, 'patches restored twice');
    this.restored = true;
    const replaced: string[] = [];
    for (let i = this.patches.length - 1; i >= 0; i--) {
      const { target, key, saved, installed } = this.patches[i];
      if (!sameProperty(Object.getOwnPropertyDescriptor(target, key), installed)) replaced.push(describe(target, key));
      if (saved === undefined) delete (target as Record<PropertyKey, unknown>)[key];
      else Object.defineProperty(target, key, saved);
    }
    return replaced;
  }
}
