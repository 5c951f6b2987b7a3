// Public exports of src/chaos/ (re-exported by src/index.ts).
export { buggify, DEFAULT_FIRE_PROBABILITY } from './buggify.js';
export {
  attachChaos,
  siteEnabled,
  DEFAULT_SITE_PROBABILITY,
  type ChaosOptions,
  type ChaosContext,
} from './chaos-context.js';
export {
  alwaysAssert,
  sometimesAssert,
  reachable,
  unreachable,
  sometimesAll,
  sometimesEach,
  alwaysLessThan,
  alwaysLessThanOrEqual,
  alwaysGreaterThan,
  alwaysGreaterThanOrEqual,
  sometimesLessThan,
  sometimesGreaterThan,
  type EachKey,
} from './assertions.js';
export { BUCKETS_PER_SITE_MAX, DISCOVERIES_PER_TIMELINE_MAX } from './coverage-recorder.js';
export { Explorer, defaultEnergy, childSeed, type ExploreEnergy, type ExplorerOptions, type TimelineSpec } from './explorer.js';
export { formatRecipe, parseRecipe, validateSplits, RecipeError, SPLITS_MAX, type Recipe } from './recipe.js';
export type { Split } from '../core/rng.js';
export { AssertionFailure, InvariantViolation } from './chaos-errors.js';
export { CoverageTable, isUnsatisfied } from './coverage-table.js';
export { StateRegistry, type StateSnapshot, type ProcessInfo } from './state-registry.js';
export { watchInvariants, type InvariantCheck } from './invariants.js';
export {
  strategyDecision,
  plannedSeeds,
  caseStrategy,
  chosenStrategy,
  DEFAULT_SEEDS,
  validateStrategy,
  DEFAULT_SEEDS_MIN,
  DEFAULT_TIME_BUDGET_SEEDS_MAX,
  type StrategySpec,
  type StrategyState,
  type StrategyDecision,
  type StrategyChoice,
} from './strategy.js';
export { parseStrategy, StrategyError } from './strategy-parse.js';
export { seedAt } from './seed-at.js';
