import type { LayoutSpec, TopologyDefinition } from './definitions.js';
import { topologyOf } from './metadata.js';

/** One case: a topology run in one layout (`ping-pong[2x10]`). */
export interface CasePlan {
  caseId: string;
  topology: TopologyDefinition;
  layout: LayoutSpec;
}

export function caseIdOf(topology: string, layout: string): string {
  return `${topology}[${layout}]`;
}

/** Every layout of the topology as its own case, in declaration order. */
export function expandLayouts(definition: TopologyDefinition): CasePlan[] {
  return definition.layouts.map((layout) => ({
    caseId: caseIdOf(definition.name, layout.name),
    topology: definition,
    layout,
  }));
}

/** The cases of a @Topology class given to a programmatic run (`caller`: runSimulation, runReal),
 * only those of `layouts` when given; a clear error for anything else. */
export function casesOfTopology(caller: string, topology: unknown, layouts?: readonly string[]): { definition: TopologyDefinition; plans: CasePlan[] } {
  const definition = typeof topology === 'function' ? topologyOf(topology) : undefined;
  if (definition === undefined) {
    throw new TypeError(`${caller}: ${String((topology as { name?: string })?.name ?? topology)} is not a @Topology class. Pass the class decorated with @Topology({ name, roles, layouts }).`);
  }
  const unknown = (layouts ?? []).filter((name) => !definition.layouts.some((l) => l.name === name));
  if (unknown.length > 0) {
    throw new RangeError(`${caller}(${definition.name}): no layout named ${unknown.join(', ')}; the layouts are ${definition.layouts.map((l) => l.name).join(', ')}.`);
  }
  const plans = expandLayouts(definition).filter((p) => layouts === undefined || layouts.includes(p.layout.name));
  return { definition, plans };
}
