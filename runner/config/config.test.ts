import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, findConfigFile, loadConfig } from './config.js';
import { lineColumn } from './config-problems.js';

const root = mkdtempSync(join(tmpdir(), 'moonpool-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, text: string | undefined): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, '.moonpoolrc.json'), text);
  return dir;
}

function problemsOf(dir: string, explicit?: string): string[] {
  try {
    loadConfig(dir, explicit);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the config loaded although it is invalid');
}

test('the config is found from the cwd upwards and paths are relative to its folder', () => {
  const dir = project('found', '{"seeds": 3, "workloads": ["w/*.ts"]}');
  const deeper = join(dir, 'sub', 'deeper');
  assert.equal(findConfigFile(deeper), join(dir, '.moonpoolrc.json'));
  const loaded = loadConfig(deeper);
  assert.equal(loaded.root, dir);
  assert.deepEqual(loaded.config, { seeds: 3, workloads: ['w/*.ts'] });
});

test('without a config file the defaults apply with the cwd as root', () => {
  const dir = project('none', undefined);
  assert.equal(findConfigFile(root), undefined, 'the temporary folder has no config above it');
  assert.deepEqual(loadConfig(join(dir, 'sub')), { file: undefined, root: join(dir, 'sub'), config: {} });
});

test('malformed JSON names the file, the line and the column', () => {
  const dir = project('malformed', '{\n  "seeds": 10,\n}\n');
  const [problem] = problemsOf(dir);
  assert.match(problem, /\.moonpoolrc\.json: malformed JSON at line 3, column 1/);
});

test('wrong types and values: one paragraph per key with the JSON pointer, what was found and what is expected', () => {
  const dir = project('types', JSON.stringify({ workloads: 'w/*.ts', seeds: 'ten', network: 'flaky', timeouts: { seedMs: -5 } }));
  const problems = problemsOf(dir);
  const byKey = (key: string) => problems.find((p) => p.includes(`key "${key}"`)) ?? assert.fail(`no problem for ${key} in ${problems.join('\n')}`);
  assert.match(byKey('/workloads'), /found "w\/\*\.ts" \(a string\), expected a value of type array/);
  assert.match(byKey('/seeds'), /found "ten" \(a string\), expected an integer/);
  assert.match(byKey('/network'), /found "flaky" \(a string\), expected one of "perfect", "default", "hostile", "random"/);
  assert.match(byKey('/timeouts/seedMs'), /found -5 \(a number\), expected a number >= 1/);
  for (const p of problems) assert.ok(p.startsWith(join(dir, '.moonpoolrc.json')), p);
});

test('unknown keys are named with the valid keys of their object', () => {
  const dir = project('unknown', JSON.stringify({ seed: 42, timeouts: { seedMS: 1000 } }));
  const problems = problemsOf(dir);
  assert.equal(problems.length, 2);
  assert.match(problems.find((p) => p.includes('"/seed"'))!, /unknown key "\/seed".*Valid keys here are: \$schema, workloads, seeds,/);
  assert.match(problems.find((p) => p.includes('"/timeouts/seedMS"'))!, /Valid keys here are: seedMs, eventsMax, simTimeMsMax, livenessMs/);
});

test('--config naming a missing file is an error naming it', () => {
  const dir = project('explicit', undefined);
  assert.match(problemsOf(dir, 'nope.json')[0], /nope\.json: config file not found \(from --config nope\.json\)/);
});

test('lineColumn counts from 1', () => {
  assert.deepEqual(lineColumn('ab\ncd', 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
});

test('a directory where the config should be, a BOM and absurd nesting: one clear paragraph each, or accepted', () => {
  const folder = project('folder-config', undefined);
  mkdirSync(join(folder, '.moonpoolrc.json'));
  assert.match(problemsOf(folder)[0], /\.moonpoolrc\.json: is a directory, not a config file/);
  assert.match(problemsOf(root, folder)[0], /folder-config: is a directory, not a config file\. Point --config at a \.moonpoolrc\.json file/);
  const bom = project('bom', '\uFEFF{"seeds": 4}');
  assert.deepEqual(loadConfig(bom).config, { seeds: 4 });
  const deep = project('deep', `{"workloads": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  assert.match(problemsOf(deep)[0], /deep\/\.moonpoolrc\.json: the JSON is nested too deeply to read/);
});

test('"outputFile" is a path or an object with a path per file reporter', () => {
  assert.deepEqual(loadConfig(project('output-object', JSON.stringify({ outputFile: { junit: 'r/a.xml', json: 'r/a.json' } }))).config.outputFile, { junit: 'r/a.xml', json: 'r/a.json' });
  const problems = (value: unknown) => problemsOf(project(`output-${JSON.stringify(value).replace(/\W/g, '')}`, JSON.stringify({ outputFile: value })));
  assert.match(problems(42)[0], /key "\/outputFile" is invalid: found 42 \(a number\), expected a value of type string or an object/);
  assert.match(problems({})[0], /key "\/outputFile" is invalid: found an object \{\}, expected an object with at least 1 key\(s\)/);
  assert.match(problems({ xml: 'a' })[0], /unknown key "\/outputFile\/xml" \(found "a" \(a string\)\)\. Valid keys here are: junit, json\./);
  assert.match(problems({ json: '' })[0], /key "\/outputFile\/json" is invalid: found "" \(a string\), expected a non-empty string/);
});
