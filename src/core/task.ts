import { TaskCancelledError } from './errors.js';
import type { TaskScope } from './task-scope.js';
import type { Wait } from './wait.js';
import { WaitList } from './wait-list.js';
import type { Waiter } from './waiter.js';

/** 'killed': its process crashed; none of its code runs again and join() never settles. */
export type TaskState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'killed';

/** Makes a wait owned by the task running now (the world's waiter()). */
export type WaiterFactory = <T>(label: string) => Waiter<T>;

/** A named unit of concurrent work inside a world. `required` tasks must finish for the world's
 * run to complete; background tasks (servers, pumps) may stay blocked forever. */
export class SimTask<T> {
  state: TaskState = 'pending';
  readonly waits = new WaitList<Wait>();
  /** Someone awaits join(): its failure is theirs to handle, not the seed's. */
  joined = false;
  error: unknown;
  private value: T | undefined;
  private joiners: Waiter<T>[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly required: boolean,
    /** The process incarnation it belongs to, if any: it dies with it. */
    readonly scope: TaskScope | undefined,
    private readonly waiter: WaiterFactory,
  ) {}

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'cancelled' || this.state === 'killed';
  }

  /** The task's result. Each call is a wait of the caller's task, so the caller resumes in its
   * own drain; a killed task's join() never settles. */
  join(): Promise<T> {
    this.joined = true;
    if (this.state === 'done') return Promise.resolve(this.value as T);
    if (this.state === 'failed' || this.state === 'cancelled') return Promise.reject(this.error);
    const waiter = this.waiter<T>(`join(${this.name})`);
    if (this.state !== 'killed') this.joiners.push(waiter);
    return waiter.promise;
  }

  /** Rejects every pending simulated wait of the task so its code unwinds. */
  cancel(): void {
    if (this.finished) return;
    const error = new TaskCancelledError(this.name);
    this.state = 'cancelled';
    this.error = error;
    for (const wait of this.waits.toArray()) wait.abort(error);
    this.settleJoiners();
  }

  /** Drops the task: its waits never settle, so none of its continuations runs again. A task
   * that already finished keeps its state but loses its waits too: code of its process that ran
   * in one of its drains (a caller awaiting a promise it settled) may still be waiting under it. */
  kill(): void {
    for (const wait of this.waits.toArray()) wait.drop();
    if (this.finished) return;
    this.state = 'killed';
    this.joiners = [];
  }

  complete(value: T): void {
    if (this.finished) return;
    this.state = 'done';
    this.value = value;
    this.settleJoiners();
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.state = 'failed';
    this.error = error;
    this.settleJoiners();
  }

  /** What the task is blocked on, for deadlock reports. */
  describeWaits(): string[] {
    return this.waits.toArray().map((w) => w.label);
  }

  private settleJoiners(): void {
    const joiners = this.joiners;
    if (joiners.length === 0) return;
    this.joiners = [];
    for (const waiter of joiners) {
      if (this.state === 'done') waiter.resolve(this.value as T);
      else waiter.reject(this.error);
    }
  }
}
