import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, runCli } from './cli.test-support.js';

const args = ['--seeds', '2', '--workers', '1'];

test('a throwing constructor fails each seed as setup, naming the process, class, file and seed', async () => {
  const run = await runCli(args, { cwd: fixtureDir('throwing-constructor') });
  assert.equal(run.code, 1);
  assert.deepEqual(countsOf(run.stdout), { passed: 0, failed: 2 });
  assert.match(run.stdout, /exploding\[1\] seed (\d+) failed \(setup\), in node#0 \(Exploding, workloads\/exploding\.ts\), at [\d.]+ ms simulated, event #\d+\n {4}Error: the database URL is missing\n {4}fix: The constructor of node#0 threw this/);
  assert.match(run.stdout, /replay: npx moonpool-test exploding --layout 1 --seed \d+/);
});

test('an unresolvable constructor parameter fails as injection, with both fixes', async () => {
  const run = await runCli(args, { cwd: fixtureDir('injection-error') });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /unresolved\[1\] seed \d+ failed \(injection\)/);
  assert.match(run.stdout, /\n {4}cannot construct Unresolved \(workloads\/unresolved\.ts\): constructor parameter 0 .*\n {4}fix: Either put @Inject\(Token\) on that parameter.*emitDecoratorMetadata/);
});

test('a client waiting for a reply that never comes is a deadlock naming the blocked tasks', async () => {
  const run = await runCli(args, { cwd: fixtureDir('deadlock') });
  assert.equal(run.code, 1);
  assert.deepEqual(countsOf(run.stdout), { passed: 0, failed: 2 });
  assert.match(run.stdout, /waiting\[1x1\] seed \d+ failed \(deadlock\)/);
  assert.match(run.stdout, /\n {4}no events are left but 2 tasks never finished: .*client#0\.run awaiting read\(/);
});

test('an exception no code catches (a throwing stream listener) and an unhandled rejection fail their seeds, not the worker', async () => {
  const run = await runCli(['--seeds', '3', '--workers', '1', '--reporter', 'plain'], { cwd: fixtureDir('uncaught-listener') });
  assert.equal(run.code, 1);
  assert.deepEqual(countsOf(run.stdout), { passed: 0, failed: 6 });
  assert.match(run.stdout, /late-throw\[1\] seed \d+ failed \(task\)/);
  assert.match(run.stdout, /node#0\/uncaught-exception/);
  assert.match(run.stdout, /SyntaxError/);
  assert.match(run.stdout, /forgotten-rejection\[1\] seed \d+ failed \(task\)/);
  assert.match(run.stdout, /node#0\/unhandled-rejection/);
  assert.match(run.stdout, /nobody awaits this/);
  assert.doesNotMatch(run.stdout + run.stderr, /\(crash\)|worker (died|exited)/);
});
