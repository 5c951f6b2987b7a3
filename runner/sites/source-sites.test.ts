import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { sourceSites, type Ts } from './source-sites.js';

const ts = createRequire(import.meta.url)('typescript') as Ts;

const SOURCE = `import { sometimesAssert, reachable as marker, type Invariant } from 'moonpool';
import * as mp from 'moonpool';
import type { Unused } from './types.js';
import { helper } from './helper.js';
export { other } from './other.js';
export type { Shape } from './shape.js';

// sometimesAssert(ok, 'in a line comment');
/* reachable('in a block comment') */
const text = "sometimesAssert(ok, 'in a string')";
const template = \`\${marker('in a template, but a call: counted')} reachable('inside template text')\`;

export async function run(ok: boolean, name: string): Promise<void> {
  sometimesAssert(ok, 'a literal message');
  sometimesAssert(
    ok,
    \`a template without substitutions\`,
  );
  marker('an aliased reachable');
  mp.sometimesAssert(ok, 'through the namespace');
  mp.reachable('namespace reachable');
  sometimesAssert(ok, name);
  sometimesAssert(ok, \`built from \${name}\`);
  reachable('not imported here: some other function');
  const lazy = await import('./lazy.js');
  const computed = await import(name);
}
`;

test('finds each sometimesAssert and reachable call with a literal message, with its line, and nothing in comments or strings', () => {
  const { calls } = sourceSites(ts, '/project/workloads/w.ts', SOURCE);
  assert.deepEqual(calls, [
    { kind: 'reachable', message: 'in a template, but a call: counted', line: 11, from: 'moonpool' },
    { kind: 'sometimes', message: 'a literal message', line: 14, from: 'moonpool' },
    { kind: 'sometimes', message: 'a template without substitutions', line: 15, from: 'moonpool' },
    { kind: 'reachable', message: 'an aliased reachable', line: 19, from: 'moonpool' },
    { kind: 'sometimes', message: 'through the namespace', line: 20, from: 'moonpool' },
    { kind: 'reachable', message: 'namespace reachable', line: 21, from: 'moonpool' },
  ]);
});

test('lists the modules the file loads when it runs: imports, re-exports and literal dynamic imports, not type-only ones', () => {
  const { imports } = sourceSites(ts, '/project/workloads/w.ts', SOURCE);
  assert.deepEqual(imports, ['moonpool', './helper.js', './other.js', './lazy.js']);
});

test('a message with escapes is the string the call passes at run time', () => {
  const { calls } = sourceSites(ts, '/p/a.ts', `import { reachable } from 'moonpool';\nreachable('it\\'s \\u00e9t\\u00e9');\n`);
  assert.deepEqual(calls.map((c) => c.message), ["it's été"]);
});

test('a file that does not parse yields what the parser recovered, without throwing', () => {
  const { calls } = sourceSites(ts, '/p/broken.ts', `import { reachable } from 'moonpool';\nreachable('before');\nconst half = ;\nreachable('after');\n`);
  assert.deepEqual(calls.map((c) => c.message), ['before', 'after']);
});

test('JavaScript and TSX files are read in their own dialect', () => {
  const tsx = sourceSites(ts, '/p/view.tsx', `import { reachable } from 'moonpool';\nconst v = <div title="it's">it's {reachable('rendered')}</div>;\n`);
  assert.deepEqual(tsx.calls.map((c) => c.message), ['rendered']);
  const js = sourceSites(ts, '/p/plain.mjs', `import { sometimesAssert } from 'moonpool';\nsometimesAssert(1 / 2 > 0, 'after a division');\n`);
  assert.deepEqual(js.calls.map((c) => c.message), ['after a division']);
});

test('alwaysAssert and the richer assertions make sites of their own kind, with the message argument each takes', () => {
  const source = `import { alwaysAssert, sometimesAll, sometimesEach, alwaysLessThan, alwaysLessThanOrEqual, alwaysGreaterThan,
  alwaysGreaterThanOrEqual, sometimesLessThan, sometimesGreaterThan } from 'moonpool';
alwaysAssert(ok, 'holds');
alwaysAssert(ok, () => 'built only on failure');
sometimesAll('all at once', { a, b });
sometimesEach('each depth', depth);
alwaysLessThan(queue, 100, 'queue bounded');
alwaysLessThanOrEqual(queue, 100, 'queue at most');
alwaysGreaterThan(free, 0, 'some room');
alwaysGreaterThanOrEqual(free, 0, 'no negative room');
sometimesLessThan(lag, 5, 'a small lag');
sometimesGreaterThan(term, 3, 'a late term');
`;
  assert.deepEqual(
    sourceSites(ts, '/p/rich.ts', source).calls.map(({ kind, message }) => `${kind}: ${message}`),
    [
      'always: holds',
      'sometimes-all: all at once',
      'sometimes-each: each depth',
      'always-less-than: queue bounded',
      'always-less-than-or-equal: queue at most',
      'always-greater-than: some room',
      'always-greater-than-or-equal: no negative room',
      'sometimes-less-than: a small lag',
      'sometimes-greater-than: a late term',
    ],
  );
});
