import 'reflect-metadata';
import type { InvariantDefinition, TopologyDefinition, WorkloadDefinition } from './definitions.js';

// reflect-metadata keys: own metadata only, so an undecorated subclass is not a workload.
const WORKLOAD = 'moonpool:workload';
const INVARIANT = 'moonpool:invariant';
const TOPOLOGY = 'moonpool:topology';
const INJECT = 'moonpool:inject';

export function workloadOf(target: object): WorkloadDefinition | undefined {
  return Reflect.getOwnMetadata(WORKLOAD, target) as WorkloadDefinition | undefined;
}

export function invariantOf(target: object): InvariantDefinition | undefined {
  return Reflect.getOwnMetadata(INVARIANT, target) as InvariantDefinition | undefined;
}

export function topologyOf(target: object): TopologyDefinition | undefined {
  return Reflect.getOwnMetadata(TOPOLOGY, target) as TopologyDefinition | undefined;
}

export function defineWorkload(definition: WorkloadDefinition): void {
  Reflect.defineMetadata(WORKLOAD, definition, definition.target);
}

export function defineInvariant(definition: InvariantDefinition): void {
  Reflect.defineMetadata(INVARIANT, definition, definition.target);
}

export function defineTopology(definition: TopologyDefinition): void {
  Reflect.defineMetadata(TOPOLOGY, definition, definition.target);
}

/** Tokens given by @Inject, by constructor parameter index (inherited by subclasses). */
export function injectedTokens(target: object): ReadonlyMap<number, unknown> {
  return (Reflect.getMetadata(INJECT, target) as Map<number, unknown> | undefined) ?? new Map();
}

export function setInjectedToken(target: object, index: number, token: unknown): void {
  const own = new Map(injectedTokens(target));
  own.set(index, token);
  Reflect.defineMetadata(INJECT, own, target);
}

/** `design:paramtypes` as emitted by tsc/swc with emitDecoratorMetadata; tsx never emits it. */
export function designParamTypes(target: object): readonly unknown[] | undefined {
  return Reflect.getMetadata('design:paramtypes', target) as unknown[] | undefined;
}
