import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { renderJsonReport } from '../reporters/json-report-render.js';
import { runReport } from './merge.test-support.js';
import { readReportFile, ReportInputError } from './report-file.js';

const cwd = mkdtempSync(join(tmpdir(), 'moonpool-report-file-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(cwd, name), text);
  return name;
}

function problem(name: string): string {
  try {
    readReportFile(name, cwd);
  } catch (error) {
    assert.ok(error instanceof ReportInputError, String(error));
    return error.message;
  }
  return assert.fail(`${name} was read as a valid report`);
}

const valid = runReport([{ fails: true }, {}], { index: 1, count: 2 });

test('a report as the json reporter writes it is read back whole', () => {
  const file = write('shard-1.json', [...renderJsonReport(valid)].join(''));
  assert.deepEqual(readReportFile(file, cwd), { file, report: valid });
  assert.deepEqual(readReportFile(write('bom.json', `\uFEFF${JSON.stringify(valid)}`), cwd).report, valid);
});

test('each way a file can be wrong is one paragraph naming the file and the fix', () => {
  assert.match(problem('missing.json'), /^missing\.json: no such file\. Check the path, and that every shard's report was downloaded/);
  mkdirSync(join(cwd, 'reports'));
  assert.match(problem('reports'), /^reports: is a folder, not a report\. Pass the report files inside it \(for example reports\/\*\.json\)/);
  assert.match(problem(write('cut.json', JSON.stringify(valid).slice(0, 200))), /^cut\.json: is not JSON \(.*; line 1, column \d+\)\. Was it cut short, or written by another tool\?/);
  assert.match(problem(write('other.json', '{"testsuites": []}')), /^other\.json: is JSON but not a moonpool report \(it has no "schemaVersion"\)/);
  assert.match(problem(write('array.json', '[1, 2]')), /^array\.json: is JSON but not a moonpool report/);
  assert.match(
    problem(write('v2.json', JSON.stringify({ ...valid, schemaVersion: 2, generator: { name: 'moonpool-test', version: '3.0.0' } }))),
    /^v2\.json: is a report of schema version 2 \(written by moonpool 3\.0\.0\), but this moonpool-test \(.+\) reads version 1\. Merge it with the moonpool-test that wrote it \(npx moonpool-test@3\.0\.0 merge-reports \.\.\.\), or rerun the shards with this one\./,
  );
  const { totals: _totals, ...noTotals } = valid;
  assert.match(problem(write('no-totals.json', JSON.stringify(noTotals))), /^no-totals\.json: is not a valid moonpool report of schema version 1: \/ must have required property 'totals'\. Was it edited or cut short\?/);
  const badSeed = structuredClone(valid);
  (badSeed.cases[0].seeds[0] as { seed: unknown }).seed = -4;
  assert.match(problem(write('bad-seed.json', JSON.stringify(badSeed))), /^bad-seed\.json: is not a valid moonpool report of schema version 1: \/cases\/0\/seeds\/0\/seed must be >= 0/);
  const badShard = structuredClone(valid);
  badShard.run.shard = { index: 3, count: 2 };
  assert.match(problem(write('bad-shard.json', JSON.stringify(badShard))), /^bad-shard\.json: says it is shard 3\/2, which cannot be/);
});
