// A head start for the common run: the first seed worker starts loading the project before the
// command line is parsed (yargs alone takes tens of milliseconds to load), and the pool adopts it
// once the options are known. Only a plain run gets one: anything that could change the config
// or means no run (--config, --help, --list, --watch) waits for the parsed options.
import type { Worker } from 'node:worker_threads';
import { loadConfig } from '../config/config.js';
import type { WorkerInit } from '../protocol/messages.js';
import { listenTo, startWorker, WORKER_EVENTS, type WorkerEvent, type WorkerListener } from './worker-thread.js';

const NOT_A_PLAIN_RUN = /^(--(config|help|list|watch|version)(=|$)|-h$)/;

export class EarlyWorker {
  private readonly worker: Worker;
  private readonly heard: [WorkerEvent, unknown][] = [];
  private spoke!: () => void;
  /** Settles once the worker has said something before its adoption (its 'ready' when it has
   * loaded the project). */
  readonly heardFrom = new Promise<void>((resolve) => (this.spoke = resolve));
  private readonly recorders = WORKER_EVENTS.map((event) => [event, (value: unknown) => this.hear(event, value)] as const);

  constructor(readonly init: WorkerInit) {
    this.worker = startWorker(init);
    for (const [event, record] of this.recorders) this.worker.on(event, record);
  }

  private hear(event: WorkerEvent, value: unknown): void {
    this.heard.push([event, value]);
    this.spoke();
  }

  /** Hands the worker over: `listen` hears what it said so far (before anything newer), then the rest. */
  adopt(listen: WorkerListener): Worker {
    for (const [event, record] of this.recorders) this.worker.off(event, record);
    listenTo(this.worker, listen);
    const heard = this.heard.splice(0);
    // Worker events arrive in later macrotasks: a microtask replays these first, in order.
    queueMicrotask(() => heard.forEach(([event, value]) => listen(event, value)));
    return this.worker;
  }

  /** The run did not need it (another config, a usage error, --help). */
  discard(): void {
    void this.worker.terminate();
  }
}

/** An early worker for `argv` run in `cwd`, or undefined when the run may not be a plain one. */
export function startEarlyWorker(argv: readonly string[], cwd: string): EarlyWorker | undefined {
  if (argv.some((arg) => NOT_A_PLAIN_RUN.test(arg))) return undefined;
  try {
    return new EarlyWorker({ loaded: loadConfig(cwd) });
  } catch {
    return undefined; // a config problem is reported once the options are parsed
  }
}
