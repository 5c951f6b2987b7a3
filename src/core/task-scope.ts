import type { SimTask } from './task.js';

/**
 * The tasks that die together: one incarnation of a simulated process. A task spawned while a
 * task of the scope runs joins it, so everything a process starts (its transport's read loops,
 * its request handlers) is in its scope. kill() drops them all: their pending waits never
 * settle, their timers never fire, so no continuation of theirs ever runs again.
 */
export class TaskScope {
  dead = false;
  private tasks: SimTask<unknown>[] = [];
  /** Compaction point: finished tasks are dropped from the list when it doubles past this. */
  private compactAt = 16;

  constructor(readonly name: string) {}

  add(task: SimTask<unknown>): void {
    this.tasks.push(task);
    if (this.tasks.length < this.compactAt) return;
    // A service spawning a task per request would otherwise keep every finished one. A finished
    // task still owning waits stays: kill() must drop them (see SimTask.kill).
    this.tasks = this.tasks.filter((t) => !t.finished || t.waits.size > 0);
    this.compactAt = Math.max(16, this.tasks.length * 2);
  }

  /** Drops every task of the scope; idempotent. */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    for (const task of this.tasks) task.kill();
    this.tasks = [];
  }

  /** Unfinished tasks, in spawn order. */
  live(): SimTask<unknown>[] {
    return this.tasks.filter((t) => !t.finished);
  }
}
