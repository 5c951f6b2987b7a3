// Delta debugging (Zeller's ddmin) over a failing run's injected faults, testing candidates in
// parallel batches: the smallest set of faults found that still fails, within a run budget.

export interface DdminOutcome {
  /** The faults kept: a run injecting only these still fails (1-minimal unless out of budget). */
  kept: number[];
  /** Runs used. */
  runs: number;
  /** The budget ran out before the set was 1-minimal. */
  exhausted: boolean;
}

/** `fails(subset)` runs the seed injecting only `subset` and says whether it failed the same
 * way. Candidates are tried `parallel` at a time, in order; the first failing one wins, so the
 * outcome does not depend on which run finishes first. */
export async function ddmin(items: readonly number[], fails: (subset: number[]) => Promise<boolean>, budget: number, parallel: number): Promise<DdminOutcome> {
  if (!(Number.isInteger(budget) && budget >= 1 && Number.isInteger(parallel) && parallel >= 1)) {
    throw new RangeError(`ddmin: budget ${budget} and parallel ${parallel} must be integers >= 1`);
  }
  let runs = 0;
  /** The first failing candidate in order, or undefined; undefined too once the budget is spent. */
  const firstFailing = async (candidates: number[][]): Promise<number[] | undefined> => {
    for (let start = 0; start < candidates.length && runs < budget; start += parallel) {
      const batch = candidates.slice(start, Math.min(start + parallel, start + budget - runs));
      runs += batch.length;
      const outcomes = await Promise.all(batch.map(fails));
      const index = outcomes.indexOf(true);
      if (index >= 0) return batch[index];
    }
    return undefined;
  };
  let current = [...items];
  // Often the fault-free run fails too: the bug needs no injected fault at all.
  if (current.length > 0 && (await firstFailing([[]])) !== undefined) return { kept: [], runs, exhausted: false };
  let chunks = 2;
  while (current.length >= 2 && runs < budget) {
    const subsets = split(current, chunks);
    const complements = chunks > 2 ? subsets.map((_, i) => subsets.filter((__, j) => j !== i).flat()) : [];
    const subset = await firstFailing(subsets);
    if (subset !== undefined) {
      current = subset;
      chunks = 2;
      continue;
    }
    const complement = await firstFailing(complements);
    if (complement !== undefined) {
      current = complement;
      chunks = Math.max(chunks - 1, 2);
      continue;
    }
    if (chunks >= current.length) return { kept: current, runs, exhausted: false };
    chunks = Math.min(chunks * 2, current.length);
  }
  return { kept: current, runs, exhausted: current.length >= 2 };
}

/** `items` in `count` nearly equal consecutive chunks. */
function split(items: readonly number[], count: number): number[][] {
  const chunks: number[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = start + Math.floor((items.length - start) / (count - i));
    chunks.push(items.slice(start, end));
    start = end;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}
