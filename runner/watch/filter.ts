// Which layouts a change affects: a changed file affects every case whose declaring file
// transitively imports it (or is it). Failing seeds of those cases run first on the rerun.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An absolute path for a graph key, a changed file or a declaring file (`file:` URL, absolute or root-relative). */
export function normalizeFile(file: string, root: string): string {
  const path = file.startsWith('file:') ? fileURLToPath(file.replace(/[?#].*$/, '')) : file;
  return isAbsolute(path) ? resolve(path) : resolve(root, path);
}

/** Every file that imports one of `changed`, directly or through others, plus the changed files. */
export function dependents(changed: Iterable<string>, importGraph: Map<string, Set<string>>, root: string): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [from, targets] of importGraph) {
    for (const to of targets) {
      const key = normalizeFile(to, root);
      const list = importers.get(key) ?? [];
      list.push(normalizeFile(from, root));
      importers.set(key, list);
    }
  }
  const seen = new Set<string>();
  const queue = [...changed].map((f) => normalizeFile(f, root));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(importers.get(file) ?? []));
  }
  return seen;
}

/** The case ids (keys of `topologyFiles`, in its order) whose declaring file is affected by the change. */
export function affectedCases(
  changed: Iterable<string>,
  importGraph: Map<string, Set<string>>,
  topologyFiles: Map<string, string>,
  root: string,
): string[] {
  const affected = dependents(changed, importGraph, root);
  return [...topologyFiles].filter(([, file]) => affected.has(normalizeFile(file, root))).map(([caseId]) => caseId);
}

/** Case ids containing `pattern` (case-insensitive); all of them for an empty pattern. */
export function matchingCases(caseIds: Iterable<string>, pattern: string | undefined): string[] {
  const needle = (pattern ?? '').toLowerCase();
  return [...caseIds].filter((id) => id.toLowerCase().includes(needle));
}

/** The known failing seeds of the given cases, for `seedsFirst`. */
export function failingSeedsOf(failing: Map<string, number[]>, caseIds: Iterable<string>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const id of caseIds) {
    const seeds = failing.get(id);
    if (seeds && seeds.length > 0) out[id] = [...seeds];
  }
  return out;
}
