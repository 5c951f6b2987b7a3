import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureDir, REPO_ROOT } from '../run/run.test-support.js';
import { runCli } from './cli.test-support.js';

const cwd = fixtureDir('basic-pass');

test('an unknown flag exits 2 with the valid options, a suggestion and the --help hint', async () => {
  const run = await runCli(['--seeds', '2', '--wrokers', '2'], { cwd });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Unknown argument: wrokers \(did you mean --workers\?\)/);
  assert.match(run.stderr, /Valid options: .*--seed, --seed-timeout-ms, --seeds, --shard/);
  assert.match(run.stderr, /Run moonpool-test --help for the options\./);
  assert.equal(run.stdout, '');
});

test('a bad choice and a bad seed exit 2 naming what is accepted', async () => {
  const network = await runCli(['--network', 'flaky'], { cwd });
  assert.equal(network.code, 2);
  assert.match(network.stderr, /Argument: network, Given: "flaky", Choices: "perfect", "default", "hostile", "random"/);
  const seed = await runCli(['--seed', '4294967296'], { cwd });
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed 4294967296: seeds are unsigned 32-bit integers, 0 to 4294967295/);
});

test('bad configs exit 2: malformed JSON (line and column), wrong types, unknown keys', async () => {
  const malformed = await runCli([], { cwd: fixtureDir('bad-config/malformed') });
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /bad-config\/malformed\/\.moonpoolrc\.json: malformed JSON at line 4, column 1/);
  const wrong = await runCli([], { cwd: fixtureDir('bad-config/wrong-type') });
  assert.equal(wrong.code, 2);
  for (const pointer of ['/workloads', '/seeds', '/network', '/timeouts/seedMs']) assert.ok(wrong.stderr.includes(`key "${pointer}" is invalid`), pointer);
  const unknown = await runCli([], { cwd: fixtureDir('bad-config/unknown-key') });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown key "\/seed" \(found 42 \(a number\)\)\. Valid keys here are: .*seeds/);
  assert.match(unknown.stderr, /unknown key "\/timeouts\/seedMS"/);
});

test('--help exits 0 and documents the flags; --list prints the cases', async () => {
  const help = await runCli(['--help'], { cwd });
  assert.equal(help.code, 0);
  for (const flag of ['--shard', '--seed-timeout-ms', '--check-determinism', '--real', '--reporter', '--version', '"json"', 'merge-reports <files..>']) assert.ok(help.stdout.includes(flag), flag);
  const mergeHelp = await runCli(['merge-reports', '--help'], { cwd });
  assert.equal(mergeHelp.code, 0, mergeHelp.stderr);
  for (const flag of ['FILES...', '--reporter', '--output-file', '--fail-on-unsatisfied']) assert.ok(mergeHelp.stdout.includes(flag), flag);
  const short = await runCli(['-h'], { cwd });
  assert.equal(short.code, 0, short.stderr);
  assert.equal(short.stdout, help.stdout, '-h is --help');
  const version = await runCli(['--version'], { cwd });
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const list = await runCli(['--list'], { cwd });
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^echo\[1x1\]\tworkloads\/echo\.ts\t6 seeds\tfixed:6 \(from "seeds" in \.moonpoolrc\.json\)\necho\[1x2\]/m);
  const flagged = await runCli(['--list', '--seeds', '3'], { cwd });
  assert.match(flagged.stdout, /^echo\[1x1\]\tworkloads\/echo\.ts\t3 seeds\tfixed:3 \(from --seeds\)$/m);
  assert.match(list.stdout, /2 case\(s\)/);
});

test('a filter matching nothing exits 1 and lists the cases', async () => {
  const run = await runCli(['nope', '--workers', '1'], { cwd });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /No case matches filter "nope".*The cases are: echo\[1x1\], echo\[1x2\]/);
});

test('decorators in a project without experimentalDecorators: the fix names the tsconfig, not the file', async (t) => {
  const project = mkdtempSync(join(tmpdir(), 'moonpool-no-decorators-'));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  mkdirSync(join(project, 'workloads'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
  writeFileSync(
    join(project, 'workloads', 'server.ts'),
    `import { Inject, TimeProvider, Workload } from ${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'index.js'))};
@Workload() export class Server { constructor(@Inject(TimeProvider) readonly time: TimeProvider) {} async run(): Promise<void> {} }
`,
  );
  const run = await runCli([], { cwd: project });
  assert.equal(run.code, 1, run.stdout + run.stderr); // nothing ran
  assert.match(run.stderr, /workloads\/server\.ts: failed to load: .*Parameter decorators only work when experimental decorators are enabled/s);
  assert.match(run.stderr, /Turn decorators on in the project's tsconfig\.json \("experimentalDecorators": true, "emitDecoratorMetadata": true; none was found for .*moonpool-no-decorators-\w+\), or exclude it/);
});
