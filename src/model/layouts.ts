import type { LayoutSpec, TopologyDefinition } from './definitions.js';

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
