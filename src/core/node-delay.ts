/** The longest delay a Node timer holds; longer ones (and anything not >= 1) become 1 ms. */
export const TIMER_MS_MAX = 2 ** 31 - 1;

/** A delay as Node's timers read it: coerced to a number, 1 ms when below 1, not a number or
 * past TIMER_MS_MAX (with Node's TimeoutOverflowWarning for the last). */
export function nodeDelayMs(delay: unknown): number {
  const after = Number(delay);
  if (after >= 1 && after <= TIMER_MS_MAX) return after;
  if (after > TIMER_MS_MAX) {
    process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
  }
  return 1;
}
