import type { LayoutSpec, RoleCount } from './definitions.js';
import { DefinitionError } from './definition-error.js';

/** Hosts are 10.0.0.1 to 10.0.0.254: one per process. */
export const PROCESSES_MAX = 254;

function isRange(count: RoleCount): count is readonly [number, number] {
  return Array.isArray(count);
}

function countBounds(count: RoleCount): [number, number] {
  return isRange(count) ? [count[0], count[1]] : [count as number, count as number];
}

function validCount(count: unknown): count is RoleCount {
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (Array.isArray(count)) return count.length === 2 && ok(count[0]) && ok(count[1]) && count[0] <= count[1];
  return ok(count);
}

/** `2x10` from counts in role order, or `random` when any role's count is a range. */
export function layoutName(roles: readonly string[], counts: Readonly<Record<string, RoleCount>>): string {
  if (roles.some((role) => isRange(counts[role]))) return 'random';
  return roles.map((role) => String(counts[role])).join('x');
}

/** Checks each layout against the roles and names it; any mistake is a DefinitionError. */
export function normalizeLayouts(file: string, where: string, roles: readonly string[], layouts: unknown): LayoutSpec[] {
  const fail = (problem: string): never => {
    throw new DefinitionError(
      file,
      `${where} (${file}): ${problem}. Each layout maps every role (${roles.join(', ')}) to a process count or a ` +
        '[min, max] range drawn per seed, for example layouts: [{ server: 1, client: 3 }, { server: [1, 3], client: [1, 10] }].',
    );
  };
  if (!Array.isArray(layouts) || layouts.length === 0) fail('layouts must be a non-empty array');
  const seen = new Set<string>();
  return (layouts as unknown[]).map((layout, index) => {
    if (typeof layout !== 'object' || layout === null) return fail(`layout #${index} is not an object`);
    const counts = layout as Record<string, unknown>;
    for (const key of Object.keys(counts)) {
      if (!roles.includes(key)) fail(`layout #${index} names role "${key}", which is not in roles`);
    }
    for (const role of roles) {
      if (!validCount(counts[role])) {
        fail(`layout #${index} gives role "${role}" the count ${JSON.stringify(counts[role])}, not an integer >= 0 or [min, max] with min <= max`);
      }
    }
    const typed = counts as Record<string, RoleCount>;
    const [min, max] = roles.reduce(([lo, hi], role) => {
      const [a, b] = countBounds(typed[role]);
      return [lo + a, hi + b];
    }, [0, 0]);
    if (min < 1) fail(`layout #${index} can have no process at all`);
    if (max > PROCESSES_MAX) fail(`layout #${index} can have ${max} processes, more than the ${PROCESSES_MAX} simulated hosts`);
    const name = layoutName(roles, typed);
    if (seen.has(name)) fail(`two layouts are both named "${name}" (only one random layout per topology)`);
    seen.add(name);
    const copy: Record<string, RoleCount> = {};
    for (const role of roles) copy[role] = isRange(typed[role]) ? [...countBounds(typed[role])] as [number, number] : typed[role];
    return { name, counts: copy };
  });
}

/** The process count of each role for one seed, drawn from the seed's config stream for ranges. */
export function drawCounts(
  roles: readonly string[],
  layout: LayoutSpec,
  draw: (lo: number, hi: number) => number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const role of roles) {
    const [lo, hi] = countBounds(layout.counts[role]);
    counts[role] = lo === hi ? lo : draw(lo, hi);
  }
  return counts;
}
