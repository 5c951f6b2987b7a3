// Picks and builds the reporters of a run. `ink` needs a real terminal: ink 6 writes erase
// sequences even into pipes and CI logs, so without a TTY, or with CI set, it becomes `plain`.
import type { Writable } from 'node:stream';
import type { Reporter } from '../run/events.js';
import { InkReporter } from './ink-reporter.js';
import { JsonReporter } from './json-reporter.js';
import { JUnitReporter } from './junit-reporter.js';
import { PlainReporter } from './plain-reporter.js';

export type ReporterName = 'ink' | 'plain' | 'junit' | 'json';
export const REPORTER_NAMES: readonly ReporterName[] = ['ink', 'plain', 'junit', 'json'];

export interface ReporterSpec {
  name: ReporterName;
  outputFile?: string;
}

export interface ReporterIo {
  stdout: NodeJS.WriteStream | Writable;
  stderr: NodeJS.WriteStream | Writable;
  isTTY: boolean;
  ci: boolean;
}

/** A reporter list the CLI cannot run: exit code 2 (usage or configuration error). */
export class ReporterConfigError extends Error {
  override name = 'ReporterConfigError';
}

export interface ReporterOptions {
  /** --verbose: the console reporters print each failure in full (JUnit always does). */
  verbose?: boolean;
}

export function createReporters(specs: ReporterSpec[], io: ReporterIo, options: ReporterOptions = {}): Reporter[] {
  const names = specs.map((s) => s.name);
  const unknown = names.find((n) => !REPORTER_NAMES.includes(n));
  if (unknown !== undefined) {
    throw new ReporterConfigError(
      `createReporters: unknown reporter "${unknown}". Use one of ${REPORTER_NAMES.join(', ')} ` +
        '(--reporter, repeatable, or "reporters" in .moonpoolrc.json).',
    );
  }
  if (names.includes('ink') && names.includes('plain')) {
    throw new ReporterConfigError(
      'createReporters: the ink and plain reporters both write the run to stdout; pick one ' +
        '(ink falls back to plain by itself without a TTY or with CI set). junit and json combine with either.',
    );
  }
  const useInk = io.isTTY && !io.ci;
  const reporters: Reporter[] = [];
  for (const spec of specs) {
    if (spec.name === 'junit' || spec.name === 'json') {
      if (!spec.outputFile) {
        throw new ReporterConfigError(
          `createReporters: the ${spec.name} reporter needs a file to write: pass --output-file <path> ` +
            `(for example --reporter ${spec.name} --output-file reports/moonpool.${spec.name === 'junit' ? 'xml' : 'json'}).`,
        );
      }
      reporters.push(spec.name === 'junit' ? new JUnitReporter(spec.outputFile) : new JsonReporter(spec.outputFile));
    } else if (spec.name === 'ink' && useInk) {
      reporters.push(new InkReporter({ stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream }, { verbose: options.verbose }));
    } else {
      reporters.push(new PlainReporter({ stdout: io.stdout, stderr: io.stderr, color: io.isTTY && !io.ci, verbose: options.verbose }));
    }
  }
  return reporters;
}
