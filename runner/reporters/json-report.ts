// The JSON report's shape, schema version 1: what `--reporter json` writes and
// `moonpool-test merge-reports` reads and writes. docs/json-report.md documents it field by field
// and json-report.schema.json (shipped in the package) checks it. The reporter maps the runner's
// events onto these types field by field, so an internal refactor cannot change the file; a
// change to this shape is a new schema version.
import type { CoverageKind } from '../../src/internal.js';

export const JSON_REPORT_SCHEMA_VERSION = 1;

/** The file name the json reporter writes when no --output-file names one. */
export const DEFAULT_JSON_REPORT_FILE = 'moonpool-report.json';

export interface JsonReport {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  generator: { name: 'moonpool-test'; version: string };
  /** When the file was written, ISO 8601 in UTC. */
  createdAt: string;
  run: JsonRun;
  totals: JsonTotals;
  cases: JsonCase[];
  coverage: JsonCoverage;
  /** Problems outside any seed (a workload file that failed to load, a worker crash), one paragraph each. */
  errors: string[];
}

export interface JsonShard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface JsonRun {
  /** What the exit code said: true only for 0. */
  ok: boolean;
  /** Stopped early (Ctrl-C, SIGTERM, a crash of the runner): some planned seeds never ran. */
  interrupted: boolean;
  /** Whether `ok` counted a never-satisfied sometimes/reachable site as a failure. */
  failOnUnsatisfied: boolean;
  /** The shard this run was (`--shard`), or null for a whole run (a merged report is one). */
  shard: JsonShard | null;
  /** Seed worker threads (a merged report: of all its shards together). */
  workers: number;
  /** Wall time of the run (a merged report: of its longest shard). Informational only. */
  wallMs: number;
  settings: JsonSettings;
  /** A report written by merge-reports: the shard reports it read, by shard index. */
  mergedFrom?: JsonMergedShard[];
}

/** The resolved options that decide which seeds run and what each does. Null: not set (each
 * topology's own setting applies). */
export interface JsonSettings {
  baseSeed: number;
  filters: string[];
  layout: string | null;
  seed: number | null;
  onlyFaults: number[] | null;
  network: string | null;
  buggify: string | null;
  storage: string | null;
  attrition: string | null;
  swarm: boolean;
  guard: string;
  checkDeterminism: boolean;
  bail: boolean;
  real: boolean;
  eventsMax: number | null;
  simTimeMsMax: number | null;
  livenessTimeoutMs: number | null;
  seedTimeoutMs: number;
}

export interface JsonMergedShard {
  /** The path given to merge-reports. */
  file: string;
  shard: JsonShard;
  createdAt: string;
  ok: boolean;
  workers: number;
  wallMs: number;
}

export interface JsonTotals {
  cases: number;
  seedsPlanned: number;
  seedsRun: number;
  passed: number;
  failed: number;
  /** Planned seeds never run: cases a --bail or an interruption cut. */
  skipped: number;
  events: number;
  simTimeMs: number;
  /** Faults injected over every seed, by family. */
  faults: Record<string, number>;
  /** Workload files whose decorators were used wrongly (the run exits 2 when any). */
  definitionErrors: number;
}

/** `done`: every seed its strategy asked for ran; `interrupted`: cut short; `not-run`: none of
 * its seeds ran (--bail or an interruption before it, or a shard holding none of its seeds). */
export type JsonCaseState = 'done' | 'interrupted' | 'not-run';

export interface JsonCase {
  caseId: string;
  topology: string;
  layout: string;
  /** The file declaring the topology, relative to the project root; null when unknown. */
  file: string | null;
  strategy: string;
  state: JsonCaseState;
  seedsPlanned: number;
  seedsRun: number;
  passed: number;
  failed: number;
  events: number;
  simTimeMs: number;
  wallMs: number;
  /** Why the seed loop stopped; null for a case that did not finish. */
  stopReason: string | null;
  faults: Record<string, number>;
  /** In seed order. */
  failingSeeds: number[];
  coverage: JsonCoverageRow[];
  failures: JsonFailure[];
  /** Every seed that ran, in seed order. */
  seeds: JsonSeed[];
}

export interface JsonSeed {
  seed: number;
  ok: boolean;
  events: number;
  simTimeMs: number;
  /** Informational only: never part of a pass/fail decision. */
  wallMs: number;
  /** Hash of the seed's whole event trace: equal hashes, same run. */
  traceHash: string;
  /** Faults injected, by family; families that injected nothing are left out. */
  faults: Record<string, number>;
}

export interface JsonFailure {
  seed: number;
  kind: string;
  /** The whole failure in one paragraph: kind, where, seed, simulated time and event, detail, fix, replay. */
  message: string;
  /** What went wrong, said once: what the user's code threw or asserted (or moonpool's account). */
  detail: string;
  /** What to do about it, when there is something to say. */
  fix?: string;
  where?: string;
  /** The class involved, when known and not said by `where`. */
  className?: string;
  file?: string;
  simTimeMs?: number;
  eventIndex?: number;
  stack?: string;
  /** The command that replays this seed alone. */
  replay: string;
  faults: Record<string, number>;
  reboots: JsonReboot[];
  /** Every option the seed ran with (network values, fault families, buggify sites): free-form. */
  drawn: Record<string, unknown>;
  /** What the seed drew beyond the presets it ran under (SeedResult.beyondPresets), when known. */
  beyondPresets?: Record<string, unknown>;
  /** The last lines the seed wrote (console, stdout), sanitized. */
  output: string[];
  recent?: JsonTimelineEntry[];
  shrunk?: JsonShrink;
}

export interface JsonReboot {
  timeMs: number;
  address: string;
  kind: 'graceful' | 'crash' | 'wipe';
  /** Null: down until the liveness phase. */
  downMs: number | null;
}

export interface JsonTimelineEntry {
  seq: number;
  timeMs: number;
  eventIndex: number;
  process: string;
  kind: string;
  text: string;
  peer?: string;
  messageId?: number;
  fields?: Record<string, string | number | boolean | null>;
}

export interface JsonShrink {
  faultsBefore: number;
  faults: string[];
  runs: number;
  replay: string;
  eventIndex: number;
  simTimeMs: number;
}

export interface JsonCoverageRow {
  kind: CoverageKind;
  message: string;
  seedsReached: number;
  seedsSatisfied: number;
  timesReached: number;
  timesSatisfied: number;
  /** `file:line` of the calls; absent for a site known only from the seeds that reached it. */
  locations?: string[];
  /** sometimesAll: the conditions a call names, and the most true at once (with their names). */
  conditions?: number;
  mostTrue?: number;
  mostTrueNames?: string[];
  /** sometimesEach: one row per key. */
  buckets?: { key: string; seedsReached: number; seedsSatisfied: number; timesReached: number; timesSatisfied: number }[];
  /** The numeric forms: the best value any seed saw, with its bound. */
  best?: { value: number; bound: number };
}

export interface JsonCoverage {
  /** Every site of the run, sorted by message. */
  sites: JsonCoverageRow[];
  /** The sites no seed satisfied (never reached, or a sometimes-assertion never true). */
  unsatisfied: JsonCoverageRow[];
}
