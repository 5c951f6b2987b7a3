import { TaskCancelledError } from './errors.js';
import type { Wait } from './wait.js';
import { WaitList } from './wait-list.js';

export type TaskState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** A named unit of concurrent work inside a world. `required` tasks must finish for the world's
 * run to complete; background tasks (servers, pumps) may stay blocked forever. */
export class SimTask<T> {
  state: TaskState = 'pending';
  readonly waits = new WaitList<Wait>();
  /** Someone awaits join(): its failure is theirs to handle, not the seed's. */
  joined = false;
  error: unknown;
  private readonly result: Promise<T>;
  private resolveResult!: (value: T) => void;
  private rejectResult!: (reason: unknown) => void;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly required: boolean,
  ) {
    this.result = new Promise<T>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    // A failure nobody joins is reported through the world, not as an unhandled rejection.
    this.result.catch(() => undefined);
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'cancelled';
  }

  join(): Promise<T> {
    this.joined = true;
    return this.result;
  }

  /** Rejects every pending simulated wait of the task so its code unwinds. */
  cancel(): void {
    if (this.finished) return;
    this.state = 'cancelled';
    const error = new TaskCancelledError(this.name);
    for (const wait of this.waits.toArray()) wait.abort(error);
    this.rejectResult(error);
  }

  complete(value: T): void {
    if (this.finished) return;
    this.state = 'done';
    this.resolveResult(value);
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.state = 'failed';
    this.error = error;
    this.rejectResult(error);
  }

  /** What the task is blocked on, for deadlock reports. */
  describeWaits(): string[] {
    return this.waits.toArray().map((w) => w.label);
  }
}
