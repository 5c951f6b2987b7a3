// SeedResults for seeds that never returned one: killed by the watchdog, their worker died, or
// (a worker's own report) the worker found no such case in the project.
import type { FailureKind, SeedResult } from '../../src/internal.js';

export interface LostSeedContext {
  caseId: string;
  topology: string;
  layout: string;
  seed: number;
  /** The classes that ran in the seed with their files (`Server (workloads/x.ts)`). */
  classes: string[];
  /** The declaring file of the topology, relative to the project root. */
  file: string;
  replay: string;
  /** A child timeline's recipe (`--strategy explore`); absent for a plain seed. */
  recipe?: string;
}

/** A lost seed's failure in parts, as FailureInfo has them. */
export interface LostSeedText {
  detail: string;
  fix?: string;
}

/** A failed SeedResult with no events: the seed's own result was lost with its worker. */
export function lostSeedResult(context: LostSeedContext, kind: FailureKind, text: LostSeedText, wallMs: number): SeedResult {
  const { detail, fix } = text;
  const replay = context.replay === '' ? '' : ` Replay it alone: ${context.replay}`;
  const message = `${what(context)} of ${context.caseId} (${context.file}) ${detail}${fix === undefined ? '' : ` ${fix}`}${replay}`;
  return {
    caseId: context.caseId,
    topology: context.topology,
    layout: context.layout,
    seed: context.seed,
    ok: false,
    failure: { kind, message, detail, fix, seed: context.seed, file: context.file, where: context.classes.map((c) => c.replace(/ \(.*\)$/, '')).join(', ') },
    events: 0,
    simTimeMs: 0,
    wallMs,
    traceHash: '',
    coverage: [],
    faults: {},
    options: {},
    replay: context.replay,
    ...(context.recipe === undefined ? {} : { recipe: context.recipe }),
  };
}

/** `seed 123`, or a child timeline's `timeline 123@4567/89`. */
function what(context: LostSeedContext): string {
  return context.recipe === undefined ? `seed ${context.seed}` : `timeline ${context.recipe}`;
}

export function watchdogText(context: LostSeedContext, timeoutMs: number): LostSeedText {
  return {
    detail:
      `ran for more than ${timeoutMs} ms of wall-clock time and was killed by the watchdog. ` +
      `One of ${context.classes.join(', ')} is most likely stuck in a synchronous loop (or a promise loop that never awaits simulated time), which starves the simulation.`,
    fix: 'Make every loop await something simulated (time.sleep(ms), a network read); if the seed is merely slow, raise --seed-timeout-ms (timeouts.seedMs in .moonpoolrc.json).',
  };
}

export function crashText(context: LostSeedContext, cause: string): LostSeedText {
  return {
    detail: `crashed its worker: ${cause}.`,
    fix: `Look for process.exit(), unbounded memory growth or a native crash in ${context.classes.join(', ')}; a fresh worker ran the remaining seeds.`,
  };
}
