// Writes the JUnit XML file at run-done (also for interrupted runs) or, failing that, at close():
// a crash or Ctrl+C still leaves a complete report. Written atomically: a temp file in the same
// folder, then rename, so CI never reads half a file.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Reporter, RunnerEvent } from '../events.js';
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
    const dir = dirname(this.outputFile);
    const temp = join(dir, `.${basename(this.outputFile)}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      // Piece by piece into the temporary file, then renamed over the report: atomic, and never
      // one string however many failures there are.
      const fd = openSync(temp, 'w');
      try {
        for (const piece of renderJUnitXml(this.tally, interrupted)) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.outputFile);
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // The folder itself is unusable: there is no temp file to remove.
      }
      throw new Error(
        `JUnitReporter: could not write ${this.outputFile} (${(error as Error).message}). ` +
          'Check that the folder of --output-file is writable, or pass another path.',
      );
    }
    this.written = true;
  }
}
