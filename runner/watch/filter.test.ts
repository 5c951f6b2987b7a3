import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { affectedCases, dependents, failingSeedsOf, matchingCases, normalizeFile } from './filter.js';

const root = '/project';
// a.ts (declares kv) → store.ts → codec.ts; b.ts (declares ping-pong) → net.ts → codec.ts; c.ts alone.
const graph = new Map([
  ['/project/workloads/a.ts', new Set(['/project/src/store.ts'])],
  ['/project/src/store.ts', new Set(['/project/src/codec.ts'])],
  ['/project/workloads/b.ts', new Set(['/project/src/net.ts'])],
  ['/project/src/net.ts', new Set(['/project/src/codec.ts'])],
]);
const topologyFiles = new Map([
  ['kv[3x5]', 'workloads/a.ts'],
  ['kv[1x1]', 'workloads/a.ts'],
  ['ping-pong[2x10]', 'workloads/b.ts'],
  ['solo[1]', 'workloads/c.ts'],
]);

test('a changed file affects exactly the cases whose declaring file transitively imports it', () => {
  assert.deepEqual(affectedCases(['/project/src/store.ts'], graph, topologyFiles, root), ['kv[3x5]', 'kv[1x1]']);
  assert.deepEqual(affectedCases(['/project/src/net.ts'], graph, topologyFiles, root), ['ping-pong[2x10]']);
  assert.deepEqual(affectedCases(['/project/src/codec.ts'], graph, topologyFiles, root), ['kv[3x5]', 'kv[1x1]', 'ping-pong[2x10]']);
  assert.deepEqual(affectedCases(['/project/workloads/c.ts'], graph, topologyFiles, root), ['solo[1]']);
  assert.deepEqual(affectedCases(['/project/README.ts'], graph, topologyFiles, root), []);
});

test('graph keys may be file: URLs and declaring files root-relative', () => {
  const urlGraph = new Map([[pathToFileURL('/project/workloads/b.ts').href, new Set([pathToFileURL('/project/src/net.ts').href])]]);
  assert.deepEqual(affectedCases(['src/net.ts'], urlGraph, topologyFiles, root), ['ping-pong[2x10]']);
  assert.equal(normalizeFile('file:///project/x.ts?tsx-namespace=1', root), '/project/x.ts');
});

test('import cycles terminate', () => {
  const cyclic = new Map([
    ['/p/a.ts', new Set(['/p/b.ts'])],
    ['/p/b.ts', new Set(['/p/a.ts'])],
  ]);
  assert.deepEqual([...dependents(['/p/b.ts'], cyclic, '/p')].sort(), ['/p/a.ts', '/p/b.ts']);
});

test('property: affected set equals the files that can reach the change by import edges', () => {
  const edges = fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 20 });
  fc.assert(
    fc.property(edges, fc.nat(7), (pairs, changedIndex) => {
      const g = new Map<string, Set<string>>();
      for (const [from, to] of pairs) {
        const targets = g.get(`/p/${from}.ts`) ?? new Set();
        targets.add(`/p/${to}.ts`);
        g.set(`/p/${from}.ts`, targets);
      }
      const reaches = (from: number, seen = new Set<number>()): boolean => {
        if (from === changedIndex) return true;
        if (seen.has(from)) return false;
        seen.add(from);
        return pairs.some(([f, t]) => f === from && reaches(t, seen));
      };
      const got = dependents([`/p/${changedIndex}.ts`], g, '/p');
      for (let i = 0; i < 8; i++) assert.equal(got.has(`/p/${i}.ts`), reaches(i), `file ${i}`);
    }),
  );
});

test('name filter and failing seeds first', () => {
  assert.deepEqual(matchingCases(topologyFiles.keys(), 'KV'), ['kv[3x5]', 'kv[1x1]']);
  assert.deepEqual(matchingCases(topologyFiles.keys(), undefined).length, 4);
  const failing = new Map([['kv[3x5]', [7, 3]], ['solo[1]', []]]);
  assert.deepEqual(failingSeedsOf(failing, ['kv[3x5]', 'kv[1x1]', 'solo[1]']), { 'kv[3x5]': [7, 3] });
});
