// The live terminal reporter. Events fold into a RunStore at once; ink and react load in the
// background and render from the store, so nothing that arrives before they load is lost.
// Each run gets its own UI, unmounted at run-done: in watch mode the terminal is free between
// runs, and the next run's <Static> failures start from an empty list.
import type { Reporter, RunnerEvent } from '../run/events.js';
import type { MountedUi } from './ink/mount.js';
import { RunStore, type RunStoreOptions } from './ink/run-store.js';

export interface InkReporterIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export class InkReporter implements Reporter {
  private store: RunStore;
  /** The current run's UI, undefined once unmounted; later steps chain on it in order. */
  private ui: Promise<MountedUi | undefined>;
  private runDone = false;
  private failure: Error | undefined;

  constructor(
    private readonly io: InkReporterIo,
    private readonly storeOptions: RunStoreOptions = {},
  ) {
    this.store = new RunStore(storeOptions);
    this.ui = this.mount(this.store);
  }

  onEvent(event: RunnerEvent): void {
    if (event.type === 'run-start' && this.runDone) {
      this.runDone = false;
      this.store = new RunStore(this.storeOptions);
      const store = this.store;
      this.ui = this.ui.then(() => this.mount(store));
    }
    this.store.apply(event);
    if (event.type === 'run-done') {
      this.runDone = true;
      this.ui = this.ui.then((ui) => ui?.unmount()).then(() => undefined, (error) => this.fail(error));
    }
  }

  async close(): Promise<void> {
    this.store.flush();
    const ui = await this.ui;
    await ui?.unmount();
    if (this.failure) {
      throw new Error(`InkReporter: the terminal UI failed (${this.failure.message}). Use --reporter plain meanwhile.`);
    }
  }

  /** Never rejects: a failure is kept for close(), so the chain cannot become an unhandled rejection. */
  private mount(store: RunStore): Promise<MountedUi | undefined> {
    return import('./ink/mount.js')
      .then((m) => m.mountInkUi(store, this.io.stdout, this.io.stderr))
      .catch((error) => this.fail(error));
  }

  private fail(error: unknown): undefined {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    return undefined;
  }
}
