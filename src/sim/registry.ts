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

/** Forgets every topology (watch mode re-imports all files). */
export function clearRegistry(): void {
  topologies.length = 0;
}

/** Forgets the topologies declared in these files (relative to the project root), before they are re-imported. */
export function resetRegistryFor(files: readonly string[]): void {
  const drop = new Set(files);
  const kept = topologies.filter((t) => !drop.has(t.file));
  topologies.length = 0;
  topologies.push(...kept);
}
