// Loading a project (tsx imports of the workload files) has a wall-clock budget in every seed
// worker. An import can stay pending for good (a workload's top-level code waiting on something
// that never happens, or Node 20's loader hooks answering "never settles"); the pool's boot
// timer turns that stall into a replaced worker and, past a few, an error that says what happened.

/** Loading a project takes seconds; still loading after this means it is stuck. */
export const BOOT_TIMEOUT_MS = 120_000;
