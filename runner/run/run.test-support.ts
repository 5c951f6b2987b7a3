// Helpers for the runner's tests: options for a fixture project, and an event collector.
import { join } from 'node:path';
import type { SeedResult } from '../../src/internal.js';
import { parseArgs } from '../cli/cli-args.js';
import type { RunnerEvent } from './events.js';
import { resolveRunOptions, type RunOptions } from '../cli/run-options.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export function fixtureDir(name: string): string {
  return join(REPO_ROOT, 'fixtures', name);
}

/** Run options for a fixture, as the command line `args` would resolve them there. */
export function fixtureOptions(name: string, args: string[] = []): RunOptions {
  return resolveRunOptions(parseArgs(args), { cwd: fixtureDir(name), isTTY: false, ci: true });
}

export class EventLog {
  readonly events: RunnerEvent[] = [];
  readonly emit = (event: RunnerEvent): void => {
    this.events.push(event);
  };

  of<T extends RunnerEvent['type']>(type: T): Extract<RunnerEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.type === type);
  }

  results(): SeedResult[] {
    return this.of('seed-done').map((e) => e.result);
  }
}

/** A result without its informational wall time: what must not depend on the worker count. */
export function comparable(result: SeedResult): Omit<SeedResult, 'wallMs'> {
  const { wallMs: _wallMs, ...rest } = result;
  return rest;
}
