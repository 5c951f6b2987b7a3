import type { NetworkConfig } from '../network/network-config.js';
import type { StorageSetting } from '../storage/storage-config.js';
import type { AttritionConfig } from './attrition-options.js';
import type { NetworkPresetName } from '../network/presets.js';

// What the decorators record about user classes. Plain descriptions plus the class itself, read
// by the registry, layout expansion and the per-seed orchestration.

export type Constructor<T = object> = new (...args: any[]) => T;

/** The lifecycle of one simulated process (FoundationDB style). */
export interface WorkloadInstance {
  setup?(): unknown;
  run(): unknown;
  check?(): unknown;
}

export interface InvariantInstance {
  check(state: unknown): void;
}

export interface TopologyInstance {
  check?(): unknown;
}

export interface WorkloadOptions {
  /** A service's run() loops until `topology.shutdown` fires instead of finishing on its own. */
  service?: boolean;
}

export interface WorkloadDefinition {
  name: string;
  target: Constructor<WorkloadInstance>;
  /** Declaring source file, relative to the project root. */
  file: string;
  service: boolean;
}

export interface InvariantDefinition {
  name: string;
  target: Constructor<InvariantInstance>;
  file: string;
}

/** Process count of a role: fixed, or `[min, max]` drawn per seed. */
export type RoleCount = number | readonly [number, number];

export interface LayoutSpec {
  /** `2x10` (counts in role declaration order) or `random` when any count is a range. */
  name: string;
  counts: Readonly<Record<string, RoleCount>>;
}

export interface RoleDefinition {
  name: string;
  workload: WorkloadDefinition;
}

export type BuggifyMode = 'auto' | 'on' | 'off';

/** A network preset name or a full NetworkConfig. */
export type NetworkSetting = NetworkPresetName | NetworkConfig;

export interface TopologyDefinition {
  name: string;
  target: Constructor<TopologyInstance>;
  file: string;
  /** In declaration order: host addresses and task order follow it. */
  roles: RoleDefinition[];
  layouts: LayoutSpec[];
  invariants: InvariantDefinition[];
  /** Network preset name or config, resolved per seed; undefined means `default`. */
  network: NetworkSetting | undefined;
  /** Default number of seeds for this topology, when the run does not say. */
  seeds: number | undefined;
  /** Default seed strategy text (for example `until-all-sometimes:1000`). */
  strategy: string | undefined;
  buggify: BuggifyMode;
  port: number;
  livenessTimeoutMs: number;
  /** Random process deaths in the safety phase; undefined: none unless the run turns it on. */
  attrition: AttritionConfig | undefined;
  /** Failure zones, processes placed round-robin; undefined: each process is its own zone. */
  zones: number | undefined;
  /** Storage preset name or config of the hosts' simulated disks; undefined means `default`. */
  storage: StorageSetting | undefined;
}

export const DEFAULT_PORT = 4500;
export const DEFAULT_LIVENESS_TIMEOUT_MS = 60_000;
