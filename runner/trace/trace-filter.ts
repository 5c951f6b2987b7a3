// --trace-filter: which timeline entries --trace prints.
import type { TimelineEntry } from '../../src/internal.js';

/** A filter parsed from `--trace-filter` words: every word must match an entry. A word
 * `kind:K` matches the entry's kind, `process:P` its process or peer, any other word (case
 * insensitive) a part of its process, kind or text. */
export type TraceFilter = (entry: TimelineEntry) => boolean;

export function parseTraceFilter(text: string | undefined): TraceFilter {
  const words = (text ?? '').split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return () => true;
  const tests = words.map((word): TraceFilter => {
    const [, key, value] = /^(kind|process):(.+)$/.exec(word) ?? [];
    if (key === 'kind') return (entry) => entry.kind === value;
    if (key === 'process') return (entry) => entry.process === value || entry.peer === value;
    const lower = word.toLowerCase();
    return (entry) => `${entry.process} ${entry.kind} ${entry.text}`.toLowerCase().includes(lower);
  });
  return (entry) => tests.every((test) => test(entry));
}
