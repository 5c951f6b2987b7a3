// --trace and --timeline: collects the timelines the replayed seeds recorded and, once the
// reporters are done, prints them (--trace) and writes the HTML view (--timeline).
import { basename, extname, join, dirname } from 'node:path';
import type { Timeline } from '../../src/internal.js';
import type { RunnerEvent } from '../run/events.js';
import { writeFileAtomically } from '../reporters/atomic-file.js';
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
    const file = this.options.timelineFile;
    if (file === undefined) return [];
    if (this.timelines.length === 0) {
      stdout.write(`--timeline: no seed ran, so ${file} was not written (check the filter, --layout and --seed).\n`);
      return [];
    }
    const { timelineHtml } = await import('../timeline/timeline-html.js');
    const written: string[] = [];
    for (const timeline of this.timelines) {
      // Several cases matched: one file each, named after its case.
      const path = this.timelines.length === 1 ? file : fileOfCase(file, timeline.caseId);
      writeFileAtomically(path, [timelineHtml(timeline)], '--timeline');
      stdout.write(`timeline of ${timeline.caseId} seed ${timeline.seed} (${timeline.entries.length} entries) written to ${path}: open it in a browser\n`);
      written.push(path);
    }
    return written;
  }
}

/** `out/failure.html` for `kv-store[3x2]` → `out/failure.kv-store-3x2.html`. */
function fileOfCase(file: string, caseId: string): string {
  const extension = extname(file);
  const safe = caseId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+$/, '');
  return join(dirname(file), `${basename(file, extension)}.${safe}${extension}`);
}
