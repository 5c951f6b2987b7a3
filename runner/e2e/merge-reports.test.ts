import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { reportSchemaErrors } from '../merge/report-schema.js';
import type { JsonCase, JsonReport } from '../reporters/json-report.js';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, junitFailures, runCli } from './cli.test-support.js';

// fixtures/shard-merge: 9 seeds of base seed 6 per case; lossy-counter fails some of them, and
// each shard of three misses a sometimes-site another shard satisfies.
const cwd = fixtureDir('shard-merge');
const out = mkdtempSync(join(tmpdir(), 'moonpool-merge-'));
after(() => rmSync(out, { recursive: true, force: true }));

function read(file: string): JsonReport {
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  assert.deepEqual(reportSchemaErrors(report, 10), [], `${file} is valid against json-report.schema.json`);
  return report;
}

/** A case as the whole run and the merged shards must both report it: all but wall times. */
function comparable(c: JsonCase) {
  return { ...c, wallMs: 0, seeds: c.seeds.map((s) => ({ ...s, wallMs: 0 })) };
}

test('three shards run with --reporter json and merged equal one unsharded run, and print as one', async () => {
  const whole = await runCli(['--workers', '1', '--reporter', 'json', '--reporter', 'junit', '--output-file', `json=${join(out, 'whole.json')}`, '--output-file', `junit=${join(out, 'whole.xml')}`], { cwd });
  assert.equal(whole.code, 1, whole.stderr);
  for (const shard of [1, 2, 3]) {
    const file = join(out, `shard-${shard}.json`);
    const run = await runCli(['--workers', '1', '--shard', `${shard}/3`, '--reporter', 'json', '--output-file', file], { cwd });
    const report = read(file);
    assert.equal(run.code, report.run.ok ? 0 : 1, `shard ${shard}: ${run.stderr}`);
    assert.deepEqual(report.run.shard, { index: shard, count: 3 });
  }

  const files = [3, 1, 2].map((shard) => join(out, `shard-${shard}.json`));
  const merge = await runCli(['merge-reports', ...files, '--reporter', 'json', '--reporter', 'junit', '--output-file', `json=${join(out, 'merged.json')}`, '--output-file', `junit=${join(out, 'merged.xml')}`], { cwd });
  assert.equal(merge.code, 1, `a failing seed fails the merged run: ${merge.stderr}`);
  const expected = read(join(out, 'whole.json'));
  const merged = read(join(out, 'merged.json'));
  assert.ok(expected.totals.failed > 0 && expected.totals.passed > 0, 'the fixture fails some seeds and passes others');
  assert.deepEqual(merged.cases.map(comparable), expected.cases.map(comparable));
  assert.deepEqual(merged.totals, expected.totals);
  assert.deepEqual(merged.coverage, expected.coverage);
  assert.deepEqual(merged.run.settings, expected.run.settings);
  assert.deepEqual([merged.run.ok, merged.run.interrupted, merged.run.shard], [false, false, null]);
  assert.deepEqual(merged.run.mergedFrom?.map((m) => [m.file, m.shard.index]), [1, 2, 3].map((shard) => [join(out, `shard-${shard}.json`), shard]));
  // The console and the JUnit file of the merged run read as the unsharded run's.
  assert.deepEqual(countsOf(merge.stdout), countsOf(whole.stdout));
  const caseLines = (stdout: string) => stdout.split('\n').filter((line) => /^[✓✗] \S+\[\d+\] \d+ seeds/.test(line));
  assert.deepEqual(caseLines(merge.stdout), caseLines(whole.stdout));
  assert.deepEqual(junitFailures(join(out, 'merged.xml')), junitFailures(join(out, 'whole.xml')));
  assert.match(merge.stdout, /^options: mergedFrom=\[.*shard-3\.json.*\] baseSeed=6 /m);
});

test('a site satisfied in one shard only is satisfied after merging: --fail-on-unsatisfied judges the union', async () => {
  const files: string[] = [];
  for (const shard of [1, 2, 3]) {
    const file = join(out, `counter-${shard}.json`);
    files.push(file);
    const run = await runCli(['counter', '--workers', '1', '--shard', `${shard}/3`, '--fail-on-unsatisfied', '--reporter', 'json', '--output-file', file], { cwd });
    assert.equal(run.code, 1, `shard ${shard} alone leaves a site unsatisfied: ${run.stdout}`);
    assert.match(run.stdout, /never satisfied: "/);
  }
  const shards = files.map(read);
  const satisfiedIn = (message: string) => shards.map((s) => s.coverage.sites.find((row) => row.message === message)?.seedsSatisfied ?? 0);
  const inOneShard = shards[0].coverage.sites.map((row) => row.message).filter((message) => satisfiedIn(message).filter((n) => n > 0).length === 1);
  assert.ok(inOneShard.length > 0, `some site is satisfied in exactly one shard (${JSON.stringify(shards.map((s) => s.coverage.sites))})`);

  const merged = join(out, 'counter-merged.json');
  const merge = await runCli(['merge-reports', ...files, '--fail-on-unsatisfied', '--reporter', 'json', '--output-file', merged], { cwd });
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.match(merge.stdout, /coverage: 3 of 3 assertion sites satisfied/);
  assert.deepEqual(countsOf(merge.stdout), { passed: 9, failed: 0 });
  const report = read(merged);
  assert.deepEqual(report.coverage.unsatisfied, []);
  for (const message of inOneShard) {
    const row = report.coverage.sites.find((r) => r.message === message)!;
    assert.equal(row.seedsSatisfied, satisfiedIn(message).reduce((a, b) => a + b, 0), message);
    assert.ok(row.locations?.[0]?.startsWith('workloads/counter.ts:'), `${message} keeps its location`);
  }
});

test('merge-reports refuses a shard given twice or missing, exit 2, naming the files and the fix', async () => {
  const first = join(out, 'lonely.json');
  const run = await runCli(['counter', '--seeds', '2', '--workers', '1', '--shard', '1/2', '--reporter', 'json', '--output-file', first], { cwd });
  assert.equal(run.code, 0, run.stderr);
  const missing = await runCli(['merge-reports', first], { cwd });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^moonpool-test merge-reports: shard 2 of 2 is missing \(given: .*lonely\.json \(shard 1\/2\)\)\. .*pass every shard's report/);
  const twice = await runCli(['merge-reports', first, first], { cwd });
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /lonely\.json are both shard 1\/2 \(the same file, given twice\)/);
  const absent = await runCli(['merge-reports', join(out, 'nope.json')], { cwd });
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /nope\.json: no such file/);
  assert.equal(missing.stdout + twice.stdout + absent.stdout, '', 'nothing printed as a run');
});
