// Public exports of src/chaos/ (re-exported by src/index.ts).
export { buggify, DEFAULT_FIRE_PROBABILITY } from './buggify.js';
export {
  attachChaos,
  siteEnabled,
  DEFAULT_SITE_PROBABILITY,
  type ChaosOptions,
  type ChaosContext,
} from './chaos-context.js';
export { alwaysAssert, sometimesAssert, reachable, unreachable } from './assertions.js';
export { AssertionFailure, InvariantViolation } from './chaos-errors.js';
export { CoverageTable } from './coverage-table.js';
export { StateRegistry, type StateSnapshot, type ProcessInfo } from './state-registry.js';
export { watchInvariants, type InvariantCheck } from './invariants.js';
export {
  strategyDecision,
  plannedSeeds,
  caseStrategy,
  chosenStrategy,
  DEFAULT_SEEDS,
  validateStrategy,
  DEFAULT_MIN_SEEDS,
  DEFAULT_TIME_BUDGET_MAX_SEEDS,
  type StrategySpec,
  type StrategyState,
  type StrategyDecision,
  type StrategyChoice,
} from './strategy.js';
export { parseStrategy, StrategyError } from './strategy-parse.js';
export { StrategyProgress } from './strategy-progress.js';
export { seedAt } from './seed-at.js';
