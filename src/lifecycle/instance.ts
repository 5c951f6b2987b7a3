import { SimulationError, TaskFailedError } from '../core/errors.js';
import { isInstance } from '../core/thrown-text.js';
import type { Constructor } from '../model/definitions.js';
import type { Owner } from '../model/failure.js';
import { InjectionError, type Injector } from '../model/injection.js';
import { SetupError } from '../model/lifecycle-errors.js';

/** Builds one instance with its injector; a throw becomes a SetupError (or the InjectionError)
 * naming `where`. */
export function constructInstance<T>(injector: Injector, target: Constructor<T>, file: string, where: string): T {
  try {
    return injector.construct(target, file);
  } catch (error) {
    if (error instanceof InjectionError) error.where = where;
    if (isInstance(error, SimulationError)) throw error;
    throw new SetupError(where, target.name, file, 'constructor', error);
  }
}

/** What a lifecycle step's throw fails the run with: a moonpool error as it is, else a
 * SetupError naming the process for a setup() step (`setupOf`), else a TaskFailedError. */
export function stepFailure(name: string, setupOf: Owner | undefined, error: unknown): SimulationError {
  if (isInstance(error, SimulationError)) return error;
  if (setupOf !== undefined) return new SetupError(setupOf.where, setupOf.className, setupOf.file, 'setup()', error);
  return new TaskFailedError(name, error);
}
