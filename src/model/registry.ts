import type { TopologyDefinition } from './definitions.js';
import { DefinitionError } from './definition-error.js';

// Every @Topology class declared in this process, in registration (import) order.
const topologies: TopologyDefinition[] = [];

export function registerTopology(definition: TopologyDefinition): void {
  const clash = topologies.find((t) => t.name === definition.name);
  if (clash !== undefined) {
    throw new DefinitionError(
      definition.file,
      `@Topology "${definition.name}" on ${definition.target.name} (${definition.file}) reuses the name of ` +
        `${clash.target.name} (${clash.file}). Topology names select cases on the command line: rename one of them.`,
    );
  }
  topologies.push(definition);
}

/** Registered topologies, in registration order. */
export function listTopologies(): TopologyDefinition[] {
  return [...topologies];
}
