import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterCases, noMatchMessage } from './case-filter.js';

const cases = [
  { caseId: 'ping-pong[1x1]', topology: 'ping-pong', layout: '1x1' },
  { caseId: 'ping-pong[2x10]', topology: 'ping-pong', layout: '2x10' },
  { caseId: 'ping-pong-tls[1x1]', topology: 'ping-pong-tls', layout: '1x1' },
  { caseId: 'kv[3]', topology: 'kv', layout: '3' },
];
const ids = (filters: string[], layout?: string) => filterCases(cases, filters, layout).map((c) => c.caseId);

test('no filter selects every case, in order', () => {
  assert.deepEqual(ids([]), cases.map((c) => c.caseId));
});

test('a filter spelling a topology or case exactly selects only it (replay commands stay exact)', () => {
  assert.deepEqual(ids(['ping-pong']), ['ping-pong[1x1]', 'ping-pong[2x10]']);
  assert.deepEqual(ids(['ping-pong'], '1x1'), ['ping-pong[1x1]']);
  assert.deepEqual(ids(['ping-pong[2x10]']), ['ping-pong[2x10]']);
});

test('otherwise filters match by substring or glob', () => {
  assert.deepEqual(ids(['pong']), ['ping-pong[1x1]', 'ping-pong[2x10]', 'ping-pong-tls[1x1]']);
  assert.deepEqual(ids(['*tls*']), ['ping-pong-tls[1x1]']);
  assert.deepEqual(ids(['k?']), ['kv[3]']);
  assert.deepEqual(ids(['kv', 'tls']), ['ping-pong-tls[1x1]', 'kv[3]']);
});

test('no match explains what exists', () => {
  assert.match(noMatchMessage(cases, ['nope']), /No case matches filter "nope".*The cases are: ping-pong\[1x1\], ping-pong\[2x10\]/);
  assert.match(noMatchMessage(cases, ['kv'], '9'), /the layouts kv: 3\. Pass one of those to --layout/);
});
