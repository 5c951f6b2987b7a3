import type { CoverageHit } from '../sim/report.js';
import { CoverageTable } from './coverage-table.js';
import { plannedSeeds, strategyDecision, validateStrategy, type StrategyDecision, type StrategySpec, type StrategyState } from './strategy.js';

/** Keeps the StrategyState of one run of seeds: feed it each seed's coverage, ask it whether to
 * stop. The caller supplies the elapsed wall time; nothing here reads a clock. */
export class StrategyProgress {
  readonly coverage = new CoverageTable();
  readonly planned: number;
  private seedsDone = 0;
  private seedsSinceNewCoverage = 0;

  constructor(readonly spec: StrategySpec) {
    validateStrategy(spec);
    this.planned = plannedSeeds(spec);
  }

  /** Records one finished seed's coverage hits. */
  recordSeed(hits: readonly CoverageHit[]): void {
    this.seedsDone++;
    this.seedsSinceNewCoverage = this.coverage.add(hits) ? 0 : this.seedsSinceNewCoverage + 1;
  }

  state(elapsedMs: number): StrategyState {
    return { seedsDone: this.seedsDone, coverage: this.coverage, seedsSinceNewCoverage: this.seedsSinceNewCoverage, elapsedMs };
  }

  decision(elapsedMs: number): StrategyDecision {
    return strategyDecision(this.spec, this.state(elapsedMs));
  }
}
