// Selects cases by the command line's filters (topology names or case ids, substring or glob)
// and --layout.
import { globToRegExp, isGlob } from '../config/glob.js';
import type { CaseInfo } from './events.js';

/** What a filter looks at: a case's names. */
type CaseNames = Pick<CaseInfo, 'caseId' | 'topology' | 'layout'>;

function matcher(filter: string, exactNames: ReadonlySet<string>): (text: string) => boolean {
  // A filter naming a topology or case exactly selects only it: a replay command's filter must
  // not also pick up `ping-pong-2` when it names `ping-pong`.
  if (exactNames.has(filter)) return (text) => text === filter;
  if (!isGlob(filter)) return (text) => text.includes(filter);
  const pattern = globToRegExp(filter);
  return (text) => pattern.test(text);
}

/** The cases matching any filter (all when there is none) and the layout, in their given order.
 * A filter matches a topology name or case id exactly if one is spelled so, else by substring or glob. */
export function filterCases<C extends CaseNames>(cases: readonly C[], filters: readonly string[], layout?: string): C[] {
  const exactNames = new Set(cases.flatMap((c) => [c.topology, c.caseId]));
  const matchers = filters.map((f) => matcher(f, exactNames));
  return cases.filter(
    (c) =>
      (matchers.length === 0 || matchers.some((m) => m(c.topology) || m(c.caseId))) &&
      (layout === undefined || c.layout === layout),
  );
}

/** Why nothing matched, with what would have: the run exits 1 with this. */
export function noMatchMessage(cases: readonly CaseNames[], filters: readonly string[], layout?: string): string {
  const byFilter = filterCases(cases, filters);
  const what = [filters.length > 0 ? `filter ${filters.map((f) => JSON.stringify(f)).join(' ')}` : '', layout !== undefined ? `--layout ${layout}` : '']
    .filter(Boolean)
    .join(' and ');
  if (cases.length === 0) return 'No case to run: no topology was discovered.';
  if (byFilter.length > 0 && layout !== undefined) {
    const layouts = [...new Set(byFilter.map((c) => `${c.topology}: ${c.layout}`))].join(', ');
    return `No case matches ${what}: the matched topologies have the layouts ${layouts}. Pass one of those to --layout.`;
  }
  const ids = cases.map((c) => c.caseId);
  const shown = ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, ... (${ids.length} in all; see --list)` : '');
  return `No case matches ${what}. Filters match topology names or case ids by substring, or as globs with * and ?. The cases are: ${shown}.`;
}
