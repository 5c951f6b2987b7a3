import { invariant } from './assert.js';
import type { GuardHandlers } from './guard-handlers.js';

/** The guards installed in this thread, innermost last: the dispatchers serve the last. */
const installed: GuardHandlers[] = [];

export function activeGuard(): GuardHandlers | undefined {
  return installed[installed.length - 1];
}

export function pushGuard(handlers: GuardHandlers): void {
  installed.push(handlers);
}

/** Removes `handlers`, which must be the innermost: guards nest. */
export function popGuard(handlers: GuardHandlers): void {
  invariant(activeGuard() === handlers, `the guard of seed ${handlers.session.world.seed} was restored out of order: guards nest, so restore the innermost first`);
  installed.pop();
}
