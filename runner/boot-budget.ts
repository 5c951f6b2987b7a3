// Loading a project (tsx imports of the workload files) has a wall-clock budget, in the main
// thread and in every seed worker. An import can stay pending for good (a workload's top-level
// code waiting on something that never happens, or Node 20's loader hooks answering
// "never settles"); with nothing else keeping the thread alive, Node then ends it silently with
// exit code 13 (unsettled top-level await). Racing the load against a timer keeps the thread
// alive and turns the stall into an error that says what happened.

/** Loading a project takes seconds; still loading after this means it is stuck. */
export const BOOT_TIMEOUT_MS = 120_000;

/** `work`, or a rejection with `stalledMessage` if it has not settled within `ms`. */
export function withinBudget<T>(work: Promise<T>, ms: number, stalledMessage: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(stalledMessage)), ms);
  });
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}
