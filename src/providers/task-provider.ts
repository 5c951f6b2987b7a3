/** A running task: await its result, or cancel it. */
export interface TaskHandle<T> {
  readonly name: string;
  join(): Promise<T>;
  cancel(): void;
}

/** Spawns concurrent tasks: simulated tasks in a SimWorld, plain promises in production. */
export abstract class TaskProvider {
  abstract spawn<T>(name: string, fn: () => Promise<T> | T): TaskHandle<T>;
}
