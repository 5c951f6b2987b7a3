import { mapPacked } from '../core/packed-array.js';

/** One process as invariants and nemeses see it. */
export interface ProcessInfo {
  address: string;
  role: string;
  index: number;
  /** Its failure domain (each process is its own zone unless the topology sets `zones`). */
  zone: number;
  up: boolean;
  /** 0 at the first start, one more after each reboot. */
  incarnation: number;
}

/** A read-only view of the registered state, handed to invariants after every event. It is
 * live (it reads the registry's current values, nothing is copied per event); the values
 * themselves never change once set, and their plain objects and arrays are frozen. */
export interface StateSnapshot {
  get<T = unknown>(key: string): T | undefined;
  /** Keys in sorted order (UTF-16 code units), never insertion order. */
  keys(): string[];
  entries(): [string, unknown][];
  /** Every process of the seed, in host order, with whether it is up and its incarnation.
   * Entries a process set stay after it goes down: they are the model's record of what it did
   * (for example what it acknowledged), so an invariant uses this to tell who is down now. */
  processes(): readonly ProcessInfo[];
  /** Changes whenever a value is set or deleted, or a process goes down or up: lets invariants
   * memoize work per state. */
  readonly version: number;
}

type WritableView = { -readonly [K in keyof StateSnapshot]: StateSnapshot[K] };

/** Freezes plain objects and arrays, deeply; other cloneable values (Map, Date, typed arrays)
 * are left as cloned. */
function deepFreeze(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  } else if (value instanceof Map) {
    for (const child of value.values()) deepFreeze(child);
  } else if (value instanceof Set) {
    for (const child of value) deepFreeze(child);
  }
  return value;
}

/** Clones and freezes plain data in one pass (the common case, several times faster than
 * structuredClone for small objects); anything else goes through structuredClone. */
function frozenCopy(value: unknown): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value); // throws DataCloneError
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(mapPacked(value, frozenCopy));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    // for-in over own keys: Object.keys would allocate an array per object, and workloads set
    // state after nearly every event.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const field = frozenCopy((value as Record<string, unknown>)[key]);
      // An own "__proto__" key (JSON.parse makes them) stays data, as in a structured clone.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
      else copy[key] = field;
    }
    return Object.freeze(copy);
  }
  return deepFreeze(structuredClone(value));
}

/** Cross-workload state for invariants (moonpool's state registry). Workloads publish plain
 * data under a key; `set` stores a structured clone, so mutating the original later cannot
 * change what invariants see. */
export class StateRegistry {
  private readonly values = new Map<string, unknown>();
  private sortedKeys: string[] | undefined = [];
  private processSource: (() => ProcessInfo[]) | undefined;
  private processList: readonly ProcessInfo[] | undefined;
  /** Bumped by every set and delete: invariants skip a check when nothing changed. */
  get version(): number {
    return this.view.version;
  }
  private readonly view: WritableView = {
    get: <T>(key: string) => this.values.get(key) as T | undefined,
    keys: () => this.keys(),
    entries: () => mapPacked(this.keys(), (key): [string, unknown] => [key, this.values.get(key)]),
    processes: () => (this.processList ??= Object.freeze(mapPacked(this.processSource?.() ?? [], (p) => Object.freeze(p)))),
    version: 0,
  };

  /** Where processes() reads the seed's processes (the runner attaches its supervisor). */
  attachProcesses(source: () => ProcessInfo[]): void {
    this.processSource = source;
    this.noteProcessesChanged();
  }

  /** A process went down or came up: invariants run again after this event. */
  noteProcessesChanged(): void {
    this.processList = undefined;
    this.view.version++;
  }

  set(key: string, value: unknown): void {
    if (typeof key !== 'string' || key === '') {
      throw new TypeError(`StateRegistry.set: the key must be a non-empty string, got ${JSON.stringify(key)}; name the component, for example "server#0".`);
    }
    let copy: unknown;
    try {
      copy = frozenCopy(value);
    } catch (error) {
      throw new TypeError(
        `StateRegistry.set("${key}"): the value cannot be cloned (${error instanceof Error ? error.message : String(error)}). ` +
          'Register plain data (objects, arrays, numbers, strings, Maps): no functions, sockets or class instances holding them.',
      );
    }
    const existed = this.values.has(key);
    if (!existed) this.sortedKeys = undefined;
    this.onChange?.(key, this.values.get(key), copy, existed, false);
    this.values.set(key, copy);
    this.view.version++;
  }

  /** Told of every set (`existed`: the key had a value) and delete: the seed's timeline, when recorded. */
  onChange: ((key: string, before: unknown, after: unknown, existed: boolean, deleted: boolean) => void) | undefined = undefined;

  /** The value last set under `key` (frozen: clone it before changing it). */
  get<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  delete(key: string): void {
    if (this.values.has(key)) this.onChange?.(key, this.values.get(key), undefined, true, true);
    if (this.values.delete(key)) {
      this.sortedKeys = undefined;
      this.view.version++;
    }
  }

  /** The read-only live view invariants receive (the same object every time: no copy). */
  snapshot(): StateSnapshot {
    return this.view;
  }

  private keys(): string[] {
    this.sortedKeys ??= [...this.values.keys()].sort();
    return this.sortedKeys.slice();
  }
}
