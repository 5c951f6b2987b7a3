import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs } from './cli-args.js';
import { ConfigError } from '../config/config.js';
import { describeOptions, resolveRunOptions } from './run-options.js';
import { UsageError } from './usage-error.js';

const root = mkdtempSync(join(tmpdir(), 'moonpool-options-'));
after(() => rmSync(root, { recursive: true, force: true }));

function projectWith(name: string, config: object): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.moonpoolrc.json'), JSON.stringify(config));
  return dir;
}

const terminal = (cwd: string) => ({ cwd, isTTY: false, ci: true });

test('flags win over the config file, which wins over the defaults', () => {
  const dir = projectWith('layers', { seeds: 7, network: 'hostile', workers: 3, baseSeed: 9, timeouts: { seedMs: 500, eventsMax: 1000, livenessMs: 20 } });
  const fromConfig = resolveRunOptions(parseArgs([]), terminal(dir));
  assert.equal(fromConfig.strategy, undefined);
  assert.deepEqual(fromConfig.configStrategy, { text: 'fixed:7', source: '"seeds" in .moonpoolrc.json' });
  assert.equal(fromConfig.network, 'hostile');
  assert.equal(fromConfig.workers, 3);
  assert.equal(fromConfig.baseSeed, 9);
  assert.equal(fromConfig.seedTimeoutMs, 500);
  assert.equal(fromConfig.eventsMax, 1000);
  assert.equal(fromConfig.livenessTimeoutMs, 20);
  const fromFlags = resolveRunOptions(
    parseArgs(['--seeds', '2', '--network', 'perfect', '--workers', '1', '--base-seed', '5', '--seed-timeout-ms', '900', '--events-max', '50', '--liveness-timeout-ms', '75']),
    terminal(dir),
  );
  assert.deepEqual(fromFlags.strategy, { text: 'fixed:2', source: '--seeds' });
  assert.equal(fromFlags.network, 'perfect');
  assert.equal(fromFlags.workers, 1);
  assert.equal(fromFlags.baseSeed, 5);
  assert.equal(fromFlags.seedTimeoutMs, 900);
  assert.equal(fromFlags.eventsMax, 50);
  assert.equal(fromFlags.livenessTimeoutMs, 75);
  assert.throws(() => resolveRunOptions(parseArgs(['--liveness-timeout-ms', '0']), terminal(dir)), (error) => error instanceof UsageError && /--liveness-timeout-ms 0: expected a whole number >= 1/.test(error.message));
});

test('defaults: no strategy (each topology its own, else fixed:100), base seed 0, virtualize guard, one worker per core, plain reporter without a TTY', () => {
  const dir = projectWith('defaults', {});
  const options = resolveRunOptions(parseArgs([]), terminal(dir));
  assert.equal(options.strategy, undefined);
  assert.equal(options.configStrategy, undefined);
  assert.equal(options.baseSeed, 0);
  assert.equal(options.guard, 'virtualize');
  assert.ok(options.workers >= 1);
  assert.deepEqual(options.reporters, [{ name: 'plain' }]);
  assert.deepEqual(resolveRunOptions(parseArgs([]), { cwd: dir, isTTY: true, ci: false }).reporters, [{ name: 'ink' }]);
});

test('junit comes with a console reporter and writes --output-file relative to the cwd', () => {
  const dir = projectWith('junit', {});
  const options = resolveRunOptions(parseArgs(['--reporter', 'junit', '--output-file', 'out/r.xml']), terminal(dir));
  assert.deepEqual(options.reporters, [{ name: 'plain' }, { name: 'junit', outputFile: join(dir, 'out/r.xml') }]);
  assert.throws(() => resolveRunOptions(parseArgs(['--output-file', 'x.xml']), terminal(dir)), UsageError);
});

test('json comes with a console reporter; with junit each writes its own file, named per reporter or by default', () => {
  const dir = projectWith('json', {});
  assert.deepEqual(resolveRunOptions(parseArgs(['--reporter', 'json']), terminal(dir)).reporters, [{ name: 'plain' }, { name: 'json', outputFile: join(dir, 'moonpool-report.json') }]);
  assert.deepEqual(resolveRunOptions(parseArgs(['--reporter', 'json', '--output-file', 'r/run.json']), terminal(dir)).reporters, [{ name: 'plain' }, { name: 'json', outputFile: join(dir, 'r/run.json') }]);
  const both = resolveRunOptions(parseArgs(['--reporter', 'junit', '--reporter', 'json', '--output-file', 'json=r/run.json']), terminal(dir));
  assert.deepEqual(both.reporters, [{ name: 'plain' }, { name: 'junit', outputFile: join(dir, 'junit.xml') }, { name: 'json', outputFile: join(dir, 'r/run.json') }]);
  assert.throws(() => resolveRunOptions(parseArgs(['--reporter', 'junit', '--reporter', 'json', '--output-file', 'r.xml']), terminal(dir)), (error) => error instanceof UsageError && /is ambiguous/.test(error.message));
  const configured = projectWith('json-config', { reporters: ['json', 'junit'], outputFile: { json: 'reports/run.json' } });
  assert.deepEqual(resolveRunOptions(parseArgs([]), terminal(configured)).reporters, [
    { name: 'plain' },
    { name: 'json', outputFile: join(configured, 'reports/run.json') },
    { name: 'junit', outputFile: join(configured, 'junit.xml') },
  ]);
  const ambiguous = projectWith('json-config-ambiguous', { reporters: ['json', 'junit'], outputFile: 'reports/run' });
  assert.throws(() => resolveRunOptions(parseArgs([]), terminal(ambiguous)), (error) => error instanceof ConfigError && /"outputFile" is one path \(reports\/run\)/.test(error.message));
});

test('strategies are validated where they are written', () => {
  const dir = projectWith('strategy', { strategy: 'sometimes-maybe' });
  assert.throws(() => resolveRunOptions(parseArgs([]), terminal(dir)), (error) => error instanceof ConfigError && /key "\/strategy" is invalid: strategy "sometimes-maybe"/.test(error.message));
  const ok = projectWith('strategy-ok', {});
  assert.throws(() => resolveRunOptions(parseArgs(['--strategy', 'nope:1']), terminal(ok)), (error) => error instanceof UsageError && /--strategy: strategy "nope:1"/.test(error.message));
  assert.throws(() => resolveRunOptions(parseArgs(['--seed', '1', '--seeds', '3']), terminal(ok)), /--seed runs exactly one seed/);
});

test('describeOptions lists every resolved option with the config file', () => {
  const dir = projectWith('describe', { seeds: 4 });
  const described = describeOptions(resolveRunOptions(parseArgs(['--shard', '1/2']), terminal(dir)));
  assert.equal(described.configFile, join(dir, '.moonpoolrc.json'));
  assert.deepEqual(described.shard, { index: 1, count: 2 });
  assert.equal(described.configStrategy, 'fixed:4 (from "seeds" in .moonpoolrc.json)');
  assert.ok('seedTimeoutMs' in described && 'workers' in described && 'guard' in described);
});

test('timeouts past what a Node timer holds, and workers past 4 per core, are usage errors naming the limit', () => {
  const cwd = projectWith('limits', {});
  const resolveWith = (args: string[]) => () => resolveRunOptions(parseArgs(args), { cwd, isTTY: false, ci: true });
  assert.throws(resolveWith(['--seed-timeout-ms', '3000000000']), /--seed-timeout-ms 3000000000: at most 2147483647 \(the longest delay a Node timer holds/);
  assert.throws(resolveWith(['--liveness-timeout-ms', '2147483648']), /--liveness-timeout-ms 2147483648: at most 2147483647/);
  assert.equal(resolveWith(['--seed-timeout-ms', '2147483647'])().seedTimeoutMs, 2147483647);
  assert.throws(resolveWith(['--workers', String(availableParallelism() * 4 + 1)]), /--workers \d+: at most \d+ \(4 per core/);
});

test('an unwritable JUnit output file is a usage error before the first seed, naming the path and why', () => {
  const cwd = projectWith('output', {});
  writeFileSync(join(cwd, 'a-file'), '');
  const resolveWith = (file: string) => () => resolveRunOptions(parseArgs(['--reporter', 'junit', '--output-file', file]), { cwd, isTTY: false, ci: true });
  assert.throws(resolveWith('.'), /--output-file .*: is a directory \(for example .*junit\.xml would do\)/);
  assert.equal(resolveWith('missing/junit.xml')().reporters.length, 2, 'a missing folder is created by the reporter');
  assert.throws(resolveWith('a-file/deeper/junit.xml'), /--output-file .*: .*a-file is a file, not a folder/);
  assert.throws(resolveWith('a-file/junit.xml'), /--output-file .*: .*a-file is a file, not a folder/);
  assert.equal(resolveWith('report.xml')().reporters.find((r) => r.name === 'junit')?.outputFile, join(cwd, 'report.xml'));
});

test('--recipe runs one timeline: parsed, and refused beside anything else that picks the seeds', () => {
  const dir = projectWith('recipe', { strategy: 'explore:500' });
  assert.deepEqual(resolveRunOptions(parseArgs(['--recipe', '12@40/7@41/8']), terminal(dir)).recipe, { seed: 12, splits: [{ afterEvent: 40, seed: 7 }, { afterEvent: 41, seed: 8 }] });
  for (const [args, other] of [[['--seed', '12'], '--seed'], [['--seeds', '3'], '--seeds'], [['--strategy', 'fixed:3'], '--strategy'], [['--real'], '--real']] as const) {
    assert.throws(() => resolveRunOptions(parseArgs(['--recipe', '12@40/7', ...args]), terminal(dir)), (e: unknown) => e instanceof UsageError && e.message.includes(`drop ${other}`));
  }
  assert.throws(() => resolveRunOptions(parseArgs(['--recipe', '12@40']), terminal(dir)), (e: unknown) => e instanceof UsageError && /^--recipe: recipe "12@40": "@40" is not one split/.test(e.message));
});
