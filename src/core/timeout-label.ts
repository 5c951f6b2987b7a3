/** Distinct labels kept (a workload drawing random timeouts must not grow the cache). */
const LABELS_MAX = 64;
/** Labels by duration, shared by every world: a string built per timeout would cost more than the lookup. */
const LABELS = new Map<number, string>();

/** The name a task's timeout wait shows in deadlock reports: `timeout(N ms)`. Used by
 * SimTimeProvider.timeout() and the world's alarms alike, so both read the same. */
export function timeoutLabel(ms: number): string {
  let label = LABELS.get(ms);
  if (label === undefined) {
    label = `timeout(${ms} ms)`;
    if (LABELS.size < LABELS_MAX) LABELS.set(ms, label);
  }
  return label;
}
