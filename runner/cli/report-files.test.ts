import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../config/config.js';
import { outputFilesOf, type OutputFileSetting } from './report-files.js';
import { UsageError } from './usage-error.js';

const cwd = mkdtempSync(join(tmpdir(), 'moonpool-report-files-'));
after(() => rmSync(cwd, { recursive: true, force: true }));
const root = join(cwd, 'project');
const configFile = join(root, '.moonpoolrc.json');

function files(chosen: ('junit' | 'json')[], flags: string[] = [], config?: OutputFileSetting) {
  return Object.fromEntries(outputFilesOf(chosen, { flags, cwd, config: config === undefined ? undefined : { value: config, root, file: configFile } }));
}

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  return assert.fail('expected a UsageError');
}

test('each file reporter has a default file in the current folder; one path serves the one file reporter chosen', () => {
  assert.deepEqual(files(['junit', 'json']), { junit: join(cwd, 'junit.xml'), json: join(cwd, 'moonpool-report.json') });
  assert.deepEqual(files(['json'], ['out/run.json']), { json: join(cwd, 'out/run.json') });
  assert.deepEqual(files(['junit'], ['out/run.xml']), { junit: join(cwd, 'out/run.xml') });
  assert.deepEqual(files([]), {});
});

test('with both chosen, each is named (reporter=path) or keeps its default; a lone path is ambiguous', () => {
  assert.deepEqual(files(['junit', 'json'], ['json=r/run.json']), { junit: join(cwd, 'junit.xml'), json: join(cwd, 'r/run.json') });
  assert.deepEqual(files(['junit', 'json'], ['junit=r/a.xml', 'json=r/a.json']), { junit: join(cwd, 'r/a.xml'), json: join(cwd, 'r/a.json') });
  assert.match(usage(() => files(['junit', 'json'], ['r/run.json'])), /^--output-file r\/run\.json is ambiguous: the junit and the json reporter each write a file\. Name each \(--output-file junit=.* --output-file json=.*\), or drop --output-file for the defaults \(junit\.xml and moonpool-report\.json in the current folder\)\./);
});

test('--output-file mistakes name the fix', () => {
  assert.match(usage(() => files([], ['x.xml'])), /--output-file x\.xml is only written by the junit and json reporters: add --reporter junit or --reporter json/);
  assert.match(usage(() => files(['junit'], ['json=x.json'])), /--output-file json=x\.json names the json reporter's file, but that reporter is not chosen: add --reporter json/);
  assert.match(usage(() => files(['json'], ['json='])), /--output-file json= names no file: write --output-file json=PATH/);
  assert.match(usage(() => files(['json'], ['json=a.json', 'json=b.json'])), /names the json reporter's file twice \(a\.json and b\.json\)/);
  assert.match(usage(() => files(['json'], ['a.json', 'b.json'])), /--output-file was given 2 times \(a\.json, b\.json\): give one path, or one per file reporter/);
  assert.match(usage(() => files(['junit', 'json'], ['a.json', 'junit=b.xml'])), /--output-file a\.json is a lone path beside paths named per reporter: name it too/);
  assert.match(usage(() => files(['junit', 'json'], ['junit=same', 'json=same'])), /the junit and the json reporter would both write .*same \(--output-file junit=; --output-file json=\): give each its own file/);
  writeFileSync(join(cwd, 'a-file'), '');
  assert.match(usage(() => files(['json'], ['json=a-file/r.json'])), /^--output-file json=.*a-file\/r\.json: .*a-file is a file, not a folder\. The json report could not be written there/);
  assert.match(usage(() => files(['json'], ['.'])), /^--output-file .*: is a directory \(for example .*moonpool-report\.json would do\)/);
});

test('"outputFile" in the config: a path for the one file reporter, or one per reporter, relative to the config folder; flags win', () => {
  assert.deepEqual(files(['json'], [], 'r/run.json'), { json: join(root, 'r/run.json') });
  assert.deepEqual(files(['junit', 'json'], [], { json: 'r/run.json' }), { junit: join(cwd, 'junit.xml'), json: join(root, 'r/run.json') });
  assert.deepEqual(files(['junit', 'json'], [], { junit: 'a.xml', json: 'a.json' }), { junit: join(root, 'a.xml'), json: join(root, 'a.json') });
  assert.deepEqual(files(['json'], ['mine.json'], { json: 'r/run.json' }), { json: join(cwd, 'mine.json') });
  assert.deepEqual(files(['junit', 'json'], ['json=mine.json'], { junit: 'a.xml', json: 'a.json' }), { junit: join(root, 'a.xml'), json: join(cwd, 'mine.json') });
  assert.throws(
    () => files(['junit', 'json'], [], 'r/run.xml'),
    (error) => error instanceof ConfigError && /\.moonpoolrc\.json: "outputFile" is one path \(r\/run\.xml\) but the junit and the json reporter each write a file\. Give one per reporter, for example "outputFile": \{ "junit": /.test(error.message),
  );
});
