// Which cases a run runs: the catalog's topologies expanded into their layouts, filtered, each
// with the seed strategy it runs under. Plain data: the main thread never imports the workloads;
// the catalog comes from a seed worker that loaded them.
import { caseStrategy, chosenStrategy, parseStrategy, plannedSeeds, shardSeedCount, type StrategySpec } from '../../src/internal.js';
import type { RunOptions, StrategyChoice } from '../cli/run-options.js';
import { projectCatalog } from '../pool/worker-pool.js';
import type { Catalog, CatalogTopology } from '../protocol/catalog.js';
import { filterCases, noMatchMessage } from './case-filter.js';
import type { CaseInfo } from './events.js';

/** A case the run selected, with what running its seeds needs. */
export interface SelectedCase {
  /** What the run-start event and the reporters know of the case. */
  info: CaseInfo;
  topology: CatalogTopology;
  /** The classes a failing seed names (CatalogCase.classes). */
  classes: string[];
  strategy: StrategySpec;
  /** The strategy as written, and where (the command line, the config, the topology), printed by --list. */
  strategyChoice: StrategyChoice;
}

export interface CaseSelection {
  cases: SelectedCase[];
  /** Discovery problems, strategy errors and "nothing matched", one paragraph each. */
  errors: string[];
  /** Workload files with a DefinitionError (a configuration error: exit 2). */
  definitionErrors: number;
}

/** The strategy of one case, as other test runners layer settings: the command line (--seed,
 * --real, --strategy, --seeds), then the config file, then the topology's own default (the
 * library's rule: its strategy over its seed count), then the library's default. */
function strategyChoiceOf(topology: CatalogTopology, options: RunOptions): StrategyChoice {
  if (options.seed !== undefined) return { text: 'fixed:1', source: '--seed' };
  if (options.recipe !== undefined) return { text: 'fixed:1', source: '--recipe' };
  if (options.real) return { text: 'fixed:1', source: '--real' };
  if (options.strategy !== undefined) return options.strategy;
  if (options.configStrategy !== undefined) return options.configStrategy;
  const own = chosenStrategy(topology);
  if (own !== undefined) return { text: own, source: topology.strategy !== undefined ? `the topology's "strategy"` : `the topology's "seeds"` };
  return { text: caseStrategy(), source: 'the built-in default' };
}

/** The cases of the catalog the options select. */
export function selectCases(catalog: Catalog, options: RunOptions): CaseSelection {
  const errors = [...catalog.errors];
  const all = catalog.topologies.flatMap((topology) => topology.cases.map((c) => ({ caseId: c.caseId, topology: topology.name, layout: c.layout, entry: { topology, case: c } })));
  const caseIds = options.caseIds && new Set(options.caseIds);
  const selected = filterCases(all, options.filters, options.layout).filter((c) => caseIds === undefined || caseIds.has(c.caseId));
  if (selected.length === 0 && all.length > 0) errors.push(noMatchMessage(all, options.filters, options.layout));
  const cases: SelectedCase[] = [];
  for (const { entry } of selected) {
    const { topology } = entry;
    const strategyChoice = strategyChoiceOf(topology, options);
    let strategy: StrategySpec;
    try {
      strategy = parseStrategy(strategyChoice.text);
    } catch (error) {
      errors.push(`${entry.case.caseId} (${topology.file}) was not run: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const limit = options.seed !== undefined || options.recipe !== undefined || options.real ? 1 : plannedSeeds(strategy);
    const { caseId, layout, classes } = entry.case;
    cases.push({
      info: { caseId, topology: topology.name, layout, seedsPlanned: shardSeedCount(limit, options.shard), file: topology.file, strategy: strategyChoice.text },
      topology,
      classes,
      strategy,
      strategyChoice,
    });
  }
  return { cases, errors, definitionErrors: catalog.definitionErrors };
}

/** The cases of a project without running them (--list, tests): one seed worker loads the
 * project and reports its catalog, as in a run, so a workload file that exits or hangs while
 * loading cannot take this thread with it. */
export async function listCases(options: RunOptions): Promise<CaseSelection> {
  return selectCases(await projectCatalog({ loaded: options.loaded }, options.seedTimeoutMs), options);
}
