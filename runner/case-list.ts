// The cases of a run: the catalog's topologies expanded into their layouts, filtered, each with
// the seed strategy it runs under. Plain data: the main thread never imports the workloads.
import { caseStrategy, parseStrategy, plannedSeeds, shardSeedCount, type CaseRef, type StrategySpec } from '../src/index.js';
import type { Catalog, CatalogCase, CatalogTopology } from './catalog.js';
import { filterCases, noMatchMessage } from './case-filter.js';
import type { CasePlanInfo } from './events.js';
import type { RunOptions } from './run-options.js';

export interface RunCase {
  /** What the library's seed loop needs of the case. */
  ref: CaseRef;
  topology: CatalogTopology;
  case: CatalogCase;
  info: CasePlanInfo;
  strategy: StrategySpec;
  /** The strategy as written (--strategy, the topology, the config), printed by --list. */
  strategyText: string;
}

export interface CaseList {
  cases: RunCase[];
  /** Discovery problems, strategy errors and "nothing matched", one paragraph each. */
  errors: string[];
  /** Workload files with a DefinitionError (a configuration error: exit 2). */
  definitionErrors: number;
}

/** The strategy of one case: one seed for --seed and --real, else the library's precedence
 * (--strategy/--seeds, the topology's own, the config's). */
function strategyTextOf(topology: CatalogTopology, options: RunOptions): string {
  if (options.seed !== undefined || options.real) return 'fixed:1';
  return caseStrategy({ strategy: options.strategy }, topology, { strategy: options.defaultStrategy });
}

/** The cases of the catalog the options select. */
export function selectCases(catalog: Catalog, options: RunOptions): CaseList {
  const errors = [...catalog.errors];
  const all = catalog.topologies.flatMap((topology) => topology.cases.map((c) => ({ caseId: c.caseId, topology: topology.name, layout: c.layout, entry: { topology, case: c } })));
  const caseIds = options.caseIds && new Set(options.caseIds);
  const selected = filterCases(all, options.filters, options.layout).filter((c) => caseIds === undefined || caseIds.has(c.caseId));
  if (selected.length === 0 && all.length > 0) errors.push(noMatchMessage(all, options.filters, options.layout));
  const cases: RunCase[] = [];
  for (const { entry } of selected) {
    const { topology } = entry;
    const strategyText = strategyTextOf(topology, options);
    let strategy: StrategySpec;
    try {
      strategy = parseStrategy(strategyText);
    } catch (error) {
      errors.push(`${entry.case.caseId} (${topology.file}) was not run: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const limit = options.seed !== undefined || options.real ? 1 : plannedSeeds(strategy);
    const { caseId, layout } = entry.case;
    cases.push({
      ref: { caseId, topology: { name: topology.name }, layout: { name: layout } },
      topology,
      case: entry.case,
      strategy,
      strategyText,
      info: { caseId, topology: topology.name, layout, seedsPlanned: shardSeedCount(limit, options.shard), file: topology.file },
    });
  }
  return { cases, errors, definitionErrors: catalog.definitionErrors };
}
