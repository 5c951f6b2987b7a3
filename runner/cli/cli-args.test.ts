import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_OPTIONS, parseArgs } from './cli-args.js';
import { parsePositiveInt, parseSeed, parseShard } from './cli-values.js';
import { UsageError, closestOption } from './usage-error.js';

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('no usage error');
}

test('filters, repeatable reporters, strings and booleans parse', () => {
  const args = parseArgs(['ping', 'kv*', '--seed', '12', '--reporter', 'plain', '--reporter', 'junit', '--bail', '--no-swarm', '--network', 'hostile']);
  assert.deepEqual(args.filters, ['ping', 'kv*']);
  assert.equal(args.strings.seed, '12');
  assert.deepEqual(args.reporters, ['plain', 'junit']);
  assert.equal(args.booleans.bail, true);
  assert.equal(args.booleans.swarm, false);
  assert.equal(args.choices.network, 'hostile');
  assert.equal(args.help, false);
});

test('an unknown flag is a usage error listing the valid options and the nearest one', () => {
  const message = usageError(() => parseArgs(['--seeed', '3']));
  assert.match(message, /Unknown argument: seeed/);
  assert.match(message, /did you mean --seed\?/);
  for (const option of ['--seed', '--seeds', '--shard', '--reporter', '--watch']) assert.ok(message.includes(option), option);
});

test('a bad choice lists the choices', () => {
  assert.match(usageError(() => parseArgs(['--network', 'flaky'])), /Given: "flaky", Choices: "perfect", "default", "hostile", "random"/);
  assert.match(usageError(() => parseArgs(['--reporter', 'html'])), /Choices: "ink", "plain", "junit"/);
});

test('a flag given twice or without its value is a usage error', () => {
  assert.match(usageError(() => parseArgs(['--seed', '1', '--seed', '2'])), /--seed was given 2 times/);
  assert.match(usageError(() => parseArgs(['--workers'])), /Not enough arguments following: workers/);
});

test('a switch given a value other than true or false, and --reporter without one, are usage errors', () => {
  assert.throws(() => parseArgs(['--fail-on-unsatisfied=1']), /--fail-on-unsatisfied is a switch: give it alone \(or =true \/ =false\), not "--fail-on-unsatisfied=1"/);
  assert.throws(() => parseArgs(['--bail=yes']), /--bail is a switch/);
  assert.equal(parseArgs(['--bail=false']).booleans.bail, false);
  assert.equal(parseArgs(['--bail=true']).booleans.bail, true);
  assert.throws(() => parseArgs(['--reporter']), /--reporter needs a value: ink, plain, junit or json/);
});

test('seeds are unsigned 32-bit decimal integers', () => {
  assert.equal(parseSeed('seed', '0'), 0);
  assert.equal(parseSeed('seed', '4294967295'), 4294967295);
  for (const bad of ['4294967296', '-1', '1.5', '0x10', '12x', '']) {
    assert.match(usageError(() => parseSeed('seed', bad)), /unsigned 32-bit integers, 0 to 4294967295/, bad);
  }
});

test('--shard i/n is 1-based and bounded', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) assert.match(usageError(() => parseShard(bad)), /expected i\/n with 1 <= i <= n/, bad);
  assert.match(usageError(() => parsePositiveInt('workers', '0')), /--workers 0: expected a whole number >= 1/);
});

test('closestOption suggests only plausible typos', () => {
  assert.equal(closestOption('--wrokers', ALL_OPTIONS), 'workers');
  assert.equal(closestOption('--zzzzzzzz', ALL_OPTIONS), undefined);
});

test('--output-file is repeatable (one path, or a path per file reporter); merge-reports must come first', () => {
  assert.deepEqual(parseArgs(['--reporter', 'json', '--output-file', 'a.json']).outputFiles, ['a.json']);
  assert.deepEqual(parseArgs(['--output-file', 'junit=a.xml', 'ping', '--output-file', 'json=a.json']), { ...parseArgs(['ping']), outputFiles: ['junit=a.xml', 'json=a.json'] });
  assert.deepEqual(parseArgs([]).outputFiles, []);
  assert.deepEqual(parseArgs(['--reporter', 'json']).reporters, ['json']);
  assert.throws(() => parseArgs(['--seeds', '2', 'merge-reports', 'a.json']), /merge-reports is a command of its own: give it first, as moonpool-test merge-reports FILES\.\.\./);
});
