// One watch-mode session: runs everything once, then reruns what a change affects (failing seeds
// first) or what a key asks for. Runs never overlap: a request during a run waits for its end,
// and `q` aborts the run in progress. Off in CI (a CI job must end): it runs once and says why.
// What it runs and how it rediscovers the project come in as WatchDeps (watch-tests.ts wires
// them to the runner), so tests drive it with fakes.
import type { Readable, Writable } from 'node:stream';
import { relative } from 'node:path';
import type { RunSummary } from '../run/events.js';
import { affectedCases, failingSeedsOf, matchingCases } from './filter.js';
import { Keyboard, type WatchCommand } from './keyboard.js';
import { FileWatcher } from './watcher.js';

/** The cases a rerun runs, handed back to the runner. */
export interface WatchFilter {
  /** Undefined: every case. */
  caseIds?: string[];
  /** caseId → seeds that failed last time, to run before the others. */
  seedsFirst?: Record<string, number[]>;
}

export interface WatchProject {
  /** Absolute file (or file: URL) → the project files it imports. */
  importGraph: Map<string, Set<string>>;
  /** caseId (`ping-pong[2x10]`) → the file declaring its topology (absolute or root-relative). */
  topologyFiles: Map<string, string>;
  /** Files that failed to load (a syntax error...), one paragraph each; undefined: none. */
  errors?: string[];
}

/** What watch mode needs from the runner. */
export interface WatchDeps {
  runOnce: (filter: WatchFilter, signal: AbortSignal) => Promise<RunSummary>;
  rediscover: () => Promise<WatchProject>;
  root: string;
  stdin: Readable;
  stdout: Writable;
  ci: boolean;
  /** Aborting it ends the session like `q` (the CLI aborts on SIGINT when stdin is not raw). */
  signal?: AbortSignal;
  debounceMs?: number;
}

/** Watches until `q`, end of input or `signal`; resolves with the last run's summary. In CI, runs once. */
export async function runWatch(deps: WatchDeps): Promise<RunSummary | undefined> {
  if (deps.ci) {
    deps.stdout.write('moonpool-test: --watch is off in CI (CI is set), so the tests run once. Unset CI to watch.\n');
    return deps.runOnce({}, deps.signal ?? new AbortController().signal);
  }
  return new WatchSession(deps).run();
}

type Job = WatchCommand | { kind: 'changes' };

class WatchSession {
  private project: WatchProject = { importGraph: new Map(), topologyFiles: new Map() };
  private readonly failing = new Map<string, number[]>();
  private readonly changed = new Set<string>();
  private nameFilter: string | undefined;
  private last: WatchFilter = {};
  private lastSummary: RunSummary | undefined;
  private pending: Job | undefined = { kind: 'all' };
  private running: AbortController | undefined;
  private pumping = false;
  private quitting = false;
  private finished!: () => void;
  private readonly keyboard: Keyboard;
  private readonly watcher: FileWatcher;

  constructor(private readonly deps: WatchDeps) {
    this.keyboard = new Keyboard(deps.stdin, {
      onCommand: (command) => this.request(command),
      onPrompt: (text) => this.showPrompt(text),
      promptAllowed: () => !this.running && !this.pumping,
    });
    this.watcher = new FileWatcher(deps.root, {
      onChange: (files) => {
        for (const f of files) this.changed.add(f);
        this.request({ kind: 'changes' });
      },
      onError: (error) => {
        this.print(error.message);
        this.request({ kind: 'quit' });
      },
    }, deps.debounceMs);
  }

  /** Watches until `q` (or end of input); resolves with the last run's summary. */
  async run(): Promise<RunSummary | undefined> {
    const done = new Promise<void>((resolve) => (this.finished = resolve));
    this.deps.signal?.addEventListener('abort', () => this.request({ kind: 'quit' }), { once: true });
    this.project = await this.deps.rediscover();
    if (this.quitting) return this.lastSummary;
    this.watcher.start();
    this.keyboard.start();
    void this.pump();
    await done;
    return this.lastSummary;
  }

  private request(job: Job): void {
    if (job.kind === 'quit') {
      this.quitting = true;
      this.running?.abort();
      if (!this.pumping) this.finish();
      return;
    }
    // A key replaces a queued change batch: the batch's files are still rediscovered first.
    if (!(job.kind === 'changes' && this.pending)) this.pending = job;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    while (this.pending && !this.quitting) {
      const job = this.pending;
      this.pending = undefined;
      try {
        const filter = await this.filterFor(job);
        if (filter && !this.quitting) await this.execute(filter);
      } catch (error) {
        this.print(`watch: ${(error as Error).message ?? String(error)}\nFix it and save, or press Enter to retry.`);
      }
      if (!this.pending && !this.quitting) this.printHelp();
    }
    this.pumping = false;
    if (this.quitting) this.finish();
  }

  private async filterFor(job: Job): Promise<WatchFilter | undefined> {
    const files = [...this.changed];
    this.changed.clear();
    if (files.length > 0) this.project = await this.deps.rediscover();
    const allIds = [...this.project.topologyFiles.keys()];
    switch (job.kind) {
      case 'changes': {
        const names = files.map((f) => relative(this.deps.root, f)).join(', ');
        // A file that no longer loads takes its topologies with it: say why instead of running
        // what is left (or claiming nothing depends on the change).
        const errors = this.project.errors ?? [];
        if (errors.length > 0) {
          this.print(`changed: ${names}: the project does not load:\n${errors.join('\n')}\nFix it and save: still watching.`);
          return undefined;
        }
        const { importGraph, topologyFiles } = this.project;
        const affected = matchingCases(affectedCases(files, importGraph, topologyFiles, this.deps.root), this.nameFilter);
        if (affected.length === 0) {
          this.print(`changed: ${names}: no layout${this.nameFilter ? ` matching "${this.nameFilter}"` : ''} depends on it`);
          return undefined;
        }
        this.print(`changed: ${names}: rerunning ${affected.join(', ')}`);
        return { caseIds: affected, seedsFirst: failingSeedsOf(this.failing, affected) };
      }
      case 'all':
        this.nameFilter = undefined;
        return { seedsFirst: failingSeedsOf(this.failing, this.failing.keys()) };
      case 'failed': {
        const ids = [...this.failing.keys()];
        if (ids.length === 0) this.print('no failing seeds to rerun: press a to run everything');
        return ids.length === 0 ? undefined : { caseIds: ids, seedsFirst: failingSeedsOf(this.failing, ids) };
      }
      case 'filter': {
        this.nameFilter = job.pattern === '' ? undefined : job.pattern;
        const ids = matchingCases(allIds, this.nameFilter);
        if (ids.length === 0) this.print(`no layout matches "${job.pattern}"; the layouts are: ${allIds.join(', ')}`);
        return ids.length === 0 ? undefined : { caseIds: ids, seedsFirst: failingSeedsOf(this.failing, ids) };
      }
      case 'rerun':
        return this.last;
    }
  }

  private async execute(filter: WatchFilter): Promise<void> {
    this.last = filter;
    this.running = new AbortController();
    try {
      const summary = await this.deps.runOnce(filter, this.running.signal);
      this.lastSummary = summary;
      for (const c of summary.cases) {
        if (c.failingSeeds.length > 0) this.failing.set(c.caseId, [...c.failingSeeds]);
        else this.failing.delete(c.caseId);
      }
    } finally {
      this.running = undefined;
    }
  }

  private finish(): void {
    this.watcher.close();
    this.keyboard.stop();
    this.finished();
  }

  private printHelp(): void {
    const filter = this.nameFilter ? ` · filter "${this.nameFilter}"` : '';
    this.print(`watching ${this.deps.root}${filter} · a all · f failed · t filter · q quit · Enter rerun`);
  }

  private showPrompt(text: string | undefined): void {
    this.deps.stdout.write(text === undefined ? '\n' : `\r\u001b[2Kfilter by name › ${text}`);
  }

  private print(line: string): void {
    this.deps.stdout.write(`${line}\n`);
  }
}
