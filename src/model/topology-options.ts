import type {
  BuggifyMode,
  Constructor,
  NetworkSetting,
  InvariantInstance,
  RoleCount,
  RoleDefinition,
  TopologyDefinition,
  TopologyInstance,
  WorkloadInstance,
} from './definitions.js';
import { DEFAULT_LIVENESS_TIMEOUT_MS, DEFAULT_PORT } from './definitions.js';
import { resolveAttrition, resolveZones, type AttritionOptions } from './attrition-options.js';
import { closestName } from '../core/closest-name.js';
import { DefinitionError } from './definition-error.js';
import { normalizeLayouts } from './layout-spec.js';
import { invariantOf, workloadOf } from './metadata.js';
import { parseStrategy } from '../chaos/strategy-parse.js';
import { validateNetworkConfig } from '../network/config-validation.js';
import type { NetworkConfig } from '../network/network-config.js';
import { NETWORK_PRESET_NAMES } from '../network/presets.js';
import { STORAGE_PRESET_NAMES, type StorageConfig, type StorageSetting } from '../storage/storage-config.js';
import { validateStorageConfig } from '../storage/storage-config-validation.js';

export type WorkloadClasses = Record<string, Constructor<WorkloadInstance>>;

export interface TopologyOptions<R extends WorkloadClasses = WorkloadClasses> {
  /** Case ids and the command line use it: letters, digits, `-`, `_`, `.`. */
  name: string;
  /** Role name → @Workload class, in the order hosts are assigned. */
  roles: R;
  /** Process counts per role; each layout is its own case. `[min, max]` is drawn per seed. */
  layouts: Array<{ [K in keyof R]: RoleCount }>;
  invariants?: Constructor<InvariantInstance>[];
  /** Network preset name or config (default `default`). */
  network?: NetworkSetting;
  /** Default seed count. */
  seeds?: number;
  /** Default seed strategy text. */
  strategy?: string;
  buggify?: BuggifyMode;
  /** Port of every process's address (default 4500). */
  port?: number;
  /** Simulated time check() gets once faults stop (default 60 s). */
  livenessTimeoutMs?: number;
  /** Random process crashes and reboots in the safety phase (FoundationDB's attrition). */
  attrition?: AttritionOptions;
  /** Failure zones: processes are placed in them round-robin (default: each process its own). */
  zones?: number;
  /** Storage preset name or config of the simulated disks (default `default`). */
  storage?: StorageSetting;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const TOPOLOGY_KEYS = ['name', 'roles', 'layouts', 'invariants', 'network', 'seeds', 'strategy', 'buggify', 'port', 'livenessTimeoutMs', 'attrition', 'zones', 'storage'];

/** `unknown key "invariant"; did you mean "invariants"?` (for options objects of decorators). */
export function unknownKeyProblem(options: object, known: readonly string[]): string | undefined {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown === undefined) return undefined;
  const near = closestName(unknown, known);
  return `unknown key "${unknown}"${near ? `; did you mean "${near}"?` : ''} (the keys are ${known.join(', ')})`;
}
const ROLE = /^[A-Za-z][A-Za-z0-9_-]*$/;

function checkNetwork(network: unknown, fail: (problem: string) => never): void {
  if (network === undefined) return;
  if (typeof network === 'string') {
    if (!(NETWORK_PRESET_NAMES as readonly string[]).includes(network)) fail(`network "${network}" is not a preset`);
    return;
  }
  try {
    validateNetworkConfig(structuredClone(network) as NetworkConfig, '@Topology');
  } catch (error) {
    fail(`network config is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkStorage(storage: unknown, fail: (problem: string) => never): void {
  if (storage === undefined) return;
  if (typeof storage === 'string') {
    if (!(STORAGE_PRESET_NAMES as readonly string[]).includes(storage)) fail(`storage "${storage}" is not a preset`);
    return;
  }
  try {
    validateStorageConfig(structuredClone(storage) as StorageConfig, '@Topology');
  } catch (error) {
    fail(`storage config is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Validates @Topology options into a definition; every mistake is a DefinitionError naming the fix. */
export function buildTopologyDefinition(
  target: Constructor<TopologyInstance>,
  file: string,
  options: TopologyOptions,
): TopologyDefinition {
  const where = `@Topology on ${target.name}`;
  const fail = (problem: string, fix: string): never => {
    throw new DefinitionError(file, `${where} (${file}): ${problem}. ${fix}`);
  };
  if (typeof options !== 'object' || options === null) fail('options are missing', 'Pass { name, roles, layouts }.');
  const unknownKey = unknownKeyProblem(options, TOPOLOGY_KEYS);
  if (unknownKey !== undefined) fail(unknownKey, 'A key this version does not know would be ignored: fix or remove it.');
  if (typeof options.name !== 'string' || !NAME.test(options.name)) {
    fail(`name ${JSON.stringify(options.name)} is not usable on a command line`, 'Use letters, digits, "-", "_" and "." (for example "ping-pong").');
  }
  const roleNames = Object.keys(options.roles ?? {});
  if (roleNames.length === 0) fail('roles is empty', 'Map at least one role to a @Workload class, for example roles: { server: Server }.');
  const roles: RoleDefinition[] = roleNames.map((role) => {
    if (!ROLE.test(role)) fail(`role name "${role}" is not an identifier`, 'Use letters, digits, "-" and "_", starting with a letter.');
    const workload = typeof options.roles[role] === 'function' ? workloadOf(options.roles[role]) : undefined;
    if (workload === undefined) {
      fail(`role "${role}" maps to ${String(options.roles[role]?.name ?? options.roles[role])}, which is not a @Workload class`, 'Decorate the class with @Workload() before the topology that uses it.');
    }
    return { name: role, workload: workload as NonNullable<typeof workload> };
  });
  const invariants = (options.invariants ?? []).map((cls, index) => {
    const definition = typeof cls === 'function' ? invariantOf(cls) : undefined;
    if (definition === undefined) fail(`invariants[${index}] is not an @Invariant class`, 'Decorate it with @Invariant(name) and give it check(state).');
    return definition as NonNullable<typeof definition>;
  });
  const positiveInt = (value: unknown, max: number) => value === undefined || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max);
  if (!positiveInt(options.seeds, Number.MAX_SAFE_INTEGER)) fail(`seeds ${String(options.seeds)} is not a positive integer`, 'Give the default number of seeds, for example seeds: 100.');
  if (!positiveInt(options.port, 65535)) fail(`port ${String(options.port)} is not a TCP port`, 'Use an integer from 1 to 65535 (default 4500).');
  const liveness = options.livenessTimeoutMs;
  if (liveness !== undefined && !(Number.isFinite(liveness) && liveness > 0)) {
    fail(`livenessTimeoutMs ${String(liveness)} is not a positive number`, 'Give simulated milliseconds, for example 60000.');
  }
  if (options.buggify !== undefined && !['auto', 'on', 'off'].includes(options.buggify)) {
    fail(`buggify "${String(options.buggify)}" is not a mode`, 'Use "auto" (drawn per seed), "on" or "off".');
  }
  checkNetwork(options.network, (problem) => fail(problem, `Use a preset (${NETWORK_PRESET_NAMES.join(', ')}) or a complete NetworkConfig.`));
  checkStorage(options.storage, (problem) => fail(problem, `Use a preset (${STORAGE_PRESET_NAMES.join(', ')}) or a complete StorageConfig.`));
  if (options.strategy !== undefined) {
    try {
      parseStrategy(options.strategy);
    } catch (error) {
      fail(`strategy is invalid: ${error instanceof Error ? error.message : String(error)}`, 'Give strategy text as on the command line.');
    }
  }
  const layouts = normalizeLayouts(file, where, roleNames, options.layouts);
  const attrition = options.attrition === undefined ? undefined : resolveAttrition(options.attrition, roleNames, layouts, fail);
  const zones = resolveZones(options.zones, layouts, fail);
  return {
    name: options.name,
    target,
    file,
    roles,
    layouts,
    invariants,
    network: options.network,
    seeds: options.seeds,
    strategy: options.strategy,
    buggify: options.buggify ?? 'auto',
    port: options.port ?? DEFAULT_PORT,
    livenessTimeoutMs: liveness ?? DEFAULT_LIVENESS_TIMEOUT_MS,
    attrition,
    zones,
    storage: options.storage,
  };
}
