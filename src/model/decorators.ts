import type { Constructor, InvariantInstance, TopologyInstance, WorkloadInstance, WorkloadOptions } from './definitions.js';
import { DefinitionError } from './definition-error.js';
import { defineInvariant, defineTopology, defineWorkload, setInjectedToken } from './metadata.js';
import { registerTopology } from './registry.js';
import { declaringFile } from './source-file.js';
import { buildTopologyDefinition, unknownKeyProblem, type TopologyOptions, type WorkloadClasses } from './topology-options.js';

function requireMethod(target: Constructor, method: string, decorator: string, file: string, example: string): void {
  if (typeof (target.prototype as Record<string, unknown>)[method] !== 'function') {
    throw new DefinitionError(file, `${decorator} on ${target.name} (${file}): the class has no ${method}() method. Add ${example}.`);
  }
}

/** One simulated process: `setup?()`, `run()`, `check?()`. A `service` runs until `topology.shutdown`. */
export function Workload(name?: string, options: WorkloadOptions = {}) {
  return (target: Constructor<WorkloadInstance>): void => {
    const file = declaringFile();
    requireMethod(target, 'run', '@Workload', file, 'async run(): Promise<void>');
    const unknownKey = typeof options === 'object' && options !== null ? unknownKeyProblem(options, ['service']) : 'the options must be an object such as { service: true }';
    if (unknownKey !== undefined) throw new DefinitionError(file, `@Workload on ${target.name} (${file}): ${unknownKey}. A key this version does not know would be ignored: fix or remove it.`);
    defineWorkload({ name: name ?? target.name, target, file, service: options.service ?? false });
  };
}

/** A cross-workload property checked after every simulated event. */
export function Invariant(name: string) {
  return (target: Constructor<InvariantInstance>): void => {
    const file = declaringFile();
    if (typeof name !== 'string' || name.length === 0) {
      throw new DefinitionError(file, `@Invariant on ${target.name} (${file}) has no name. Pass one: @Invariant('messages-conserved').`);
    }
    requireMethod(target, 'check', '@Invariant', file, 'check(state: StateSnapshot): void');
    defineInvariant({ name, target, file });
  };
}

/** A scenario: roles, layouts (each one a case) and invariants; the class may add a topology-level check(). */
export function Topology<R extends WorkloadClasses>(options: TopologyOptions<R>) {
  return (target: Constructor<TopologyInstance>): void => {
    const definition = buildTopologyDefinition(target, declaringFile(), options as unknown as TopologyOptions);
    defineTopology(definition);
    registerTopology(definition);
  };
}

/** Injects `token` (a provider class, TopologyInfo, StateRegistry, NetworkFaults) into this constructor parameter. */
export function Inject(token: unknown) {
  return (target: object, propertyKey: string | symbol | undefined, parameterIndex: number): void => {
    const owner = typeof target === 'function' ? target.name : target.constructor.name;
    if (propertyKey !== undefined) {
      const file = declaringFile();
      throw new DefinitionError(file, `@Inject on ${owner}.${String(propertyKey)} (${file}): only constructor parameters are injected. Move the parameter to the constructor.`);
    }
    if (typeof token !== 'function') {
      const file = declaringFile();
      throw new DefinitionError(file, `@Inject(${String(token)}) on parameter ${parameterIndex} of ${owner} (${file}): the token must be a class such as TimeProvider. Check the import of the token.`);
    }
    setInjectedToken(target, parameterIndex, token);
  };
}
