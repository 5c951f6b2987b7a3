import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Timeline, TimelineEntry } from '../../src/internal.js';
import { parseTraceFilter } from './trace-filter.js';
import { traceLines } from './trace-lines.js';

const entry = (seq: number, process: string, kind: TimelineEntry['kind'], text: string, peer?: string): TimelineEntry => ({ seq, timeMs: seq * 1.25, eventIndex: seq * 2, process, kind, text, peer });

const timeline: Timeline = {
  caseId: 'kv[3x2]',
  seed: 42,
  processes: [{ id: 'replica#0', host: '10.0.0.1' }, { id: 'client#0', host: '10.0.0.2' }],
  entries: [
    entry(0, 'client#0', 'send', 'send → replica#0 40 B request id=1', 'replica#0'),
    entry(1, 'replica#0', 'deliver', 'deliver ← client#0 40 B request id=1', 'client#0'),
    entry(2, 'sim', 'fault', 'fault #1 partition 10.0.0.1 | 10.0.0.2 for 100 ms'),
    entry(3, 'replica#0', 'state', 'kv/replica#0.term: 1 → 2'),
  ],
  dropped: 0,
};

test('one line per entry: time, event, process, text, under a heading', () => {
  const lines = traceLines(timeline, parseTraceFilter(undefined), undefined);
  assert.equal(lines[0], 'timeline of kv[3x2] seed 42: 4 entries');
  assert.equal(lines[1], '       0.000 ms  #0       client#0   send → replica#0 40 B request id=1');
  assert.equal(lines[4], '       3.750 ms  #6       replica#0  kv/replica#0.term: 1 → 2');
});

test('the filter keeps entries matching every word: text, kind:K, process:P (process or peer)', () => {
  const shown = (text: string) => traceLines(timeline, parseTraceFilter(text), text).slice(1).map((line) => line.trim().split(/\s+/)[3]);
  assert.deepEqual(shown('kind:fault'), ['sim']);
  assert.deepEqual(shown('process:client#0'), ['client#0', 'replica#0']);
  assert.deepEqual(shown('REQUEST process:replica#0'), ['client#0', 'replica#0']);
  assert.deepEqual(shown('term'), ['replica#0']);
  assert.deepEqual(shown('nothing-matches'), []);
  assert.equal(traceLines(timeline, parseTraceFilter('term'), 'term')[0], 'timeline of kv[3x2] seed 42: 1 of 4 entries matching "term"');
});
