// The cases of a run: discovered topologies expanded into their layouts, filtered, each with
// the seed strategy it runs under.
import { parseStrategy, plannedSeeds, type StrategySpec } from '../src/index.js';
import type { CasePlanInfo } from './events.js';
import { filterCases, noMatchMessage } from './case-filter.js';
import { discover, type DiscoveredTopology, type Discovery } from './discovery.js';
import type { Library } from './library-instance.js';
import type { RunOptions } from './run-options.js';

export type CasePlan = ReturnType<Library['expandLayouts']>[number];

export interface RunCase {
  plan: CasePlan;
  topology: DiscoveredTopology;
  info: CasePlanInfo;
  strategy: StrategySpec;
  /** The strategy as written (--strategy, the topology, the config), printed by --list. */
  strategyText: string;
}

export interface CaseList {
  discovery: Discovery;
  cases: RunCase[];
  /** Discovery problems, strategy errors and "nothing matched", one paragraph each. */
  errors: string[];
}

/** The strategy of one case: --seed, then --strategy/--seeds, then the topology's own, then the config's. */
function strategyTextOf(topology: DiscoveredTopology, options: RunOptions): string {
  if (options.seed !== undefined || options.real) return 'fixed:1';
  const { definition } = topology;
  return options.strategy ?? definition.strategy ?? (definition.seeds !== undefined ? `fixed:${definition.seeds}` : options.defaultStrategy);
}

/** Seeds of `limit` owned by 1-based shard `index` of `count` (index % count interleaving). */
export function shardSeedCount(limit: number, shard: RunOptions['shard']): number {
  if (shard === undefined) return limit;
  const first = shard.index - 1;
  return limit > first ? Math.floor((limit - first - 1) / shard.count) + 1 : 0;
}

/** Discovers the project and lists the cases the options select. */
export async function listCases(options: RunOptions): Promise<CaseList> {
  const discovery = await discover(options.loaded, { namespace: options.namespace });
  const errors = [...discovery.errors];
  const all = discovery.topologies.flatMap((topology) =>
    topology.library.expandLayouts(topology.definition).map((plan) => ({ plan, topology, caseId: plan.caseId, layout: plan.layout.name, topologyName: topology.name })),
  );
  const filterable = all.map((c) => ({ caseId: c.caseId, topology: c.topologyName, layout: c.layout, entry: c }));
  const caseIds = options.caseIds && new Set(options.caseIds);
  const selected = filterCases(filterable, options.filters, options.layout).filter((c) => caseIds === undefined || caseIds.has(c.caseId));
  if (selected.length === 0 && all.length > 0) errors.push(noMatchMessage(filterable, options.filters, options.layout));
  const cases: RunCase[] = [];
  for (const { entry } of selected) {
    const strategyText = strategyTextOf(entry.topology, options);
    let strategy: StrategySpec;
    try {
      strategy = parseStrategy(strategyText);
    } catch (error) {
      errors.push(`${entry.caseId} (${entry.topology.file}) was not run: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const limit = options.seed !== undefined || options.real ? 1 : plannedSeeds(strategy);
    cases.push({
      plan: entry.plan,
      topology: entry.topology,
      strategy,
      strategyText,
      info: { caseId: entry.caseId, topology: entry.topologyName, layout: entry.layout, seedsPlanned: shardSeedCount(limit, options.shard), file: entry.topology.file },
    });
  }
  return { discovery, cases, errors };
}
