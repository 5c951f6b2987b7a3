import { DefinitionError } from './definition-error.js';
import type { LayoutSpec, TopologyDefinition } from './definitions.js';
import { STOP_KINDS, type StopKind } from './process-faults.js';

/** Random process deaths during the safety phase, like FoundationDB's MachineAttrition. With
 * `--real` the same settings run on real timers, the milliseconds being real ones. */
export type AttritionOptions = AttritionSettings & (
  | {
      /** Most processes down at once (stopping, or restarted and still in setup(), counts as
       * down); less than the process count of every layout. */
      deadMax: number;
    }
  | {
      /** @deprecated The first spelling of `deadMax` (units and qualifiers last), still accepted. */
      maxDead: number;
    }
);

/** Every attrition option but how many may be down at once. */
export interface AttritionSettings {
  /** Relative weights of the kinds of stop (default `{ crash: 1 }`). */
  kinds?: Partial<Record<StopKind, number>>;
  /** Simulated ms between two attempts, drawn per attempt from [min, max]; min > 0. */
  intervalMs: readonly [number, number];
  /** Simulated ms a stopped process stays down, drawn per stop from [min, max]. */
  downMs: readonly [number, number];
  /** Only processes of these roles are picked (default: every role). */
  roles?: readonly string[];
  /** `zone` takes every process of a zone down together (default `process`). */
  scope?: 'process' | 'zone';
  /** Simulated ms a graceful stop waits for run() to return before crashing it (default 1000). */
  graceMs?: number;
}

/** Attrition as a seed uses it: every default filled in. */
export interface AttritionConfig {
  deadMax: number;
  kinds: Record<StopKind, number>;
  intervalMs: [number, number];
  downMs: [number, number];
  /** undefined: every role. */
  roles: string[] | undefined;
  scope: 'process' | 'zone';
  graceMs: number;
}

/** What `--attrition on` uses for a topology that declares none: one process at a time,
 * crashed or stopped gracefully every 1 to 5 simulated seconds, down for 0.1 to 2 seconds. */
export const DEFAULT_ATTRITION = {
  deadMax: 1,
  kinds: { crash: 2, graceful: 1, wipe: 1 },
  intervalMs: [1_000, 5_000],
  downMs: [100, 2_000],
} satisfies AttritionOptions;

const KEYS = ['deadMax', 'kinds', 'intervalMs', 'downMs', 'roles', 'scope', 'graceMs'];
const FORM =
  'attrition: { deadMax: 1, kinds: { crash: 2, graceful: 1, wipe: 1 }, intervalMs: [1000, 5000], downMs: [100, 2000], ' +
  "roles?: ['server'], scope?: 'process' | 'zone', graceMs?: 1000 }";

/** The fewest processes a layout can draw (each range at its minimum). */
export function processCountMin(layout: LayoutSpec): number {
  let total = 0;
  for (const count of Object.values(layout.counts)) total += typeof count === 'number' ? count : count[0];
  return total;
}

function range(value: unknown, positiveMin: boolean): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [lo, hi] = value as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  if (lo < 0 || lo > hi || (positiveMin && lo <= 0)) return undefined;
  return [lo, hi];
}

/**
 * Validates `attrition` of a topology; `fail(problem)` throws the DefinitionError naming the
 * topology. `layouts` bound deadMax; `roles` are the topology's role names.
 */
export function resolveAttrition(
  value: unknown,
  roles: readonly string[],
  layouts: readonly LayoutSpec[],
  fail: (problem: string, fix: string) => never,
): AttritionConfig {
  const bad = (problem: string): never => fail(`attrition: ${problem}`, `Write it as ${FORM}.`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(`expected an object, got ${JSON.stringify(value)}`);
  const options = value as Record<string, unknown>;
  for (const key of Object.keys(options)) if (!KEYS.includes(key) && key !== 'maxDead') bad(`unknown key "${key}" (the keys are ${KEYS.join(', ')})`);
  const processesMin = Math.min(...layouts.map(processCountMin));
  if (options.deadMax !== undefined && options.maxDead !== undefined) bad('give deadMax only (maxDead is its first spelling)');
  const deadMax = options.deadMax ?? options.maxDead;
  if (!(Number.isInteger(deadMax) && (deadMax as number) >= 1)) bad(`deadMax ${JSON.stringify(deadMax)} must be an integer >= 1`);
  if ((deadMax as number) >= processesMin) {
    bad(`deadMax ${String(deadMax)} must be less than the process count of every layout (the smallest has ${processesMin}), or every process could be down at once`);
  }
  const kinds: Record<StopKind, number> = { graceful: 0, crash: 0, wipe: 0 };
  if (options.kinds === undefined) kinds.crash = 1;
  else {
    if (typeof options.kinds !== 'object' || options.kinds === null || Array.isArray(options.kinds)) bad('kinds must be an object of weights');
    for (const [kind, weight] of Object.entries(options.kinds as Record<string, unknown>)) {
      if (!STOP_KINDS.includes(kind as StopKind)) bad(`unknown kind "${kind}" in kinds (the kinds are ${STOP_KINDS.join(', ')})`);
      if (!(typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) bad(`kinds.${kind} ${JSON.stringify(weight)} must be a weight >= 0`);
      kinds[kind as StopKind] = weight as number;
    }
    if (STOP_KINDS.every((k) => kinds[k] === 0)) bad('kinds gives every kind weight 0');
  }
  const intervalMs = range(options.intervalMs, true) ?? bad(`intervalMs ${JSON.stringify(options.intervalMs)} must be [min, max] simulated ms with 0 < min <= max`);
  const downMs = range(options.downMs, false) ?? bad(`downMs ${JSON.stringify(options.downMs)} must be [min, max] simulated ms with 0 <= min <= max`);
  let chosen: string[] | undefined;
  if (options.roles !== undefined) {
    if (!Array.isArray(options.roles) || options.roles.length === 0) bad('roles must be a non-empty array of role names');
    for (const role of options.roles as unknown[]) {
      if (typeof role !== 'string' || !roles.includes(role)) bad(`unknown role ${JSON.stringify(role)} in roles (the roles are ${roles.join(', ')})`);
    }
    chosen = [...(options.roles as string[])];
  }
  const scope = options.scope ?? 'process';
  if (scope !== 'process' && scope !== 'zone') bad(`scope ${JSON.stringify(scope)} must be 'process' or 'zone'`);
  const graceMs = options.graceMs ?? 1_000;
  if (!(typeof graceMs === 'number' && Number.isFinite(graceMs) && graceMs >= 0)) bad(`graceMs ${JSON.stringify(graceMs)} must be a finite number of simulated ms >= 0`);
  return { deadMax: deadMax as number, kinds, intervalMs, downMs, roles: chosen, scope: scope as 'process' | 'zone', graceMs: graceMs as number };
}

/** The attrition a run uses: the topology's unless `option` turns it off; with `on`,
 * DEFAULT_ATTRITION for a topology that declares none (skipped when the run has too few
 * processes: `processCount`). Simulated seeds and --real runs both ask this. */
export function attritionFor(
  topology: Pick<TopologyDefinition, 'attrition' | 'roles' | 'file'>,
  layout: LayoutSpec,
  option: 'on' | 'off' | undefined,
  processCount: number,
): AttritionConfig | undefined {
  if (option === 'off') return undefined;
  if (topology.attrition !== undefined) return topology.attrition;
  if (option !== 'on' || processCount <= DEFAULT_ATTRITION.deadMax) return undefined;
  const roles = topology.roles.map((r) => r.name);
  return resolveAttrition(DEFAULT_ATTRITION, roles, [layout], (problem) => {
    throw new DefinitionError(topology.file, problem);
  });
}

/** One line for a result's options: `deadMax 1 kinds crash:2 graceful:1 intervalMs 1000..5000 …`. */
export function describeAttrition(attrition: AttritionConfig): string {
  const kinds = Object.entries(attrition.kinds).filter(([, w]) => w > 0).map(([k, w]) => `${k}:${w}`).join(' ');
  return (
    `deadMax ${attrition.deadMax} kinds ${kinds} intervalMs ${attrition.intervalMs.join('..')} downMs ${attrition.downMs.join('..')}` +
    ` scope ${attrition.scope}${attrition.roles ? ` roles ${attrition.roles.join(',')}` : ''}`
  );
}

/** Validates `zones`: an integer from 1 to the process count of every layout. */
export function resolveZones(value: unknown, layouts: readonly LayoutSpec[], fail: (problem: string, fix: string) => never): number | undefined {
  if (value === undefined) return undefined;
  const processesMin = Math.min(...layouts.map(processCountMin));
  if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= processesMin)) {
    fail(
      `zones ${JSON.stringify(value)} must be an integer from 1 to the process count of every layout (the smallest has ${processesMin})`,
      'Processes are placed in zones round-robin, so each zone needs at least one: for example zones: 3.',
    );
  }
  return value as number;
}
