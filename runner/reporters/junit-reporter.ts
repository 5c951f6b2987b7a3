// Writes the JUnit XML file at run-done (also for interrupted runs) or, failing that, at close():
// a crash or Ctrl+C still leaves a complete report. Written atomically: a temp file in the same
// folder, then rename, so CI never reads half a file.
import { resolve } from 'node:path';
import type { Reporter, RunnerEvent } from '../run/events.js';
import { writeFileAtomically } from './atomic-file.js';
import { renderJUnitXml } from './junit-xml.js';
import { RunTally } from './run-tally.js';

export class JUnitReporter implements Reporter {
  private readonly tally = new RunTally();
  private readonly outputFile: string;
  private started = false;
  private written = false;

  constructor(outputFile: string) {
    this.outputFile = resolve(outputFile);
  }

  onEvent(event: RunnerEvent): void {
    this.tally.apply(event);
    if (event.type === 'run-start') {
      this.started = true;
      this.written = false;
    }
    if (event.type === 'run-done') this.write(event.interrupted);
  }

  async close(): Promise<void> {
    // The run ended without run-done (the runner threw or was killed): report what arrived.
    if (this.started && !this.written) this.write(true);
  }

  private write(interrupted: boolean): void {
    writeFileAtomically(this.outputFile, renderJUnitXml(this.tally, interrupted), 'JUnitReporter');
    this.written = true;
  }
}
