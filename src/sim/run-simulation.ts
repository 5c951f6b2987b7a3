import { CoverageTable } from '../chaos/coverage-table.js';
import { parseRecipe } from '../chaos/recipe.js';
import { parseStrategy } from '../chaos/strategy-parse.js';
import { caseStrategy, type StrategySpec } from '../chaos/strategy.js';
import { realGlobals } from '../core/real-globals.js';
import type { Constructor } from '../model/definitions.js';
import { casesOfTopology } from '../model/layouts.js';
import type { CaseSummary, SeedResult } from '../model/report.js';
import type { CoverageRow } from '../chaos/coverage.js';
import { runCase } from './run-case.js';
import { runSeed } from './run-seed.js';
import type { SeedRunOptions } from './seed-options.js';

export const DEFAULT_BASE_SEED = 0;

export interface SimulationOptions extends SeedRunOptions {
  /** The @Topology class to run. */
  topology: Constructor;
  /** Seeds per layout (a fixed strategy); default the topology's `seeds`, else 100. */
  seeds?: number;
  /** Run only this seed (replays a failure). */
  seed?: number;
  /** Run only this timeline (`123@4567/89`: replays a failure `--strategy explore` found). */
  recipe?: string;
  /** First seed of the sequence (default 0). */
  baseSeed?: number;
  /** Layout names to run (`2x10`, `random`); default all. */
  layouts?: string[];
  /** Strategy text (`until-all-sometimes:1000`) or spec; wins over `seeds`. */
  strategy?: string | StrategySpec;
}

export interface SimulationReport {
  ok: boolean;
  cases: CaseSummary[];
  results: SeedResult[];
  coverage: CoverageRow[];
  /** Sometimes-assertions no seed satisfied. */
  unsatisfied: CoverageRow[];
}

/** Runs a topology's seeds in this process (for node:test or vitest) and reports every case. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const { topology, seeds, seed, recipe, baseSeed, layouts, strategy, ...seedOptions } = options;
  const { definition, plans } = casesOfTopology('runSimulation', topology, layouts);
  if (seed !== undefined && recipe !== undefined) throw new RangeError(`runSimulation(${definition.name}): give seed or recipe, not both (a recipe starts with its seed).`);
  const timeline = recipe === undefined ? undefined : parseRecipe(recipe);
  const chosen = caseStrategy<string | StrategySpec>({ strategy, seeds }, definition);
  const spec = typeof chosen === 'string' ? parseStrategy(chosen) : chosen;
  const cases: CaseSummary[] = [];
  const results: SeedResult[] = [];
  const coverage = new CoverageTable();
  for (const plan of plans) {
    const run = await runCase(
      plan,
      { strategy: spec, baseSeed: baseSeed ?? DEFAULT_BASE_SEED, seeds: seed === undefined ? undefined : [seed], recipe: timeline },
      (next, nextTimeline) => runSeed(plan, next, seedOptions, nextTimeline),
      undefined,
      realGlobals.performanceNow,
    );
    cases.push(run.summary);
    results.push(...run.results);
    coverage.merge(run.summary.coverage);
  }
  return {
    ok: results.length > 0 && results.every((r) => r.ok),
    cases,
    results,
    coverage: coverage.rows(),
    unsatisfied: coverage.unsatisfied(),
  };
}
