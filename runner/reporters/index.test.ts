import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createReporters, ReporterConfigError } from './index.js';
import { InkReporter } from './ink-reporter.js';
import { JsonReporter } from './json-reporter.js';
import { JUnitReporter } from './junit-reporter.js';
import { PlainReporter } from './plain-reporter.js';

function io(isTTY: boolean, ci: boolean) {
  return { stdout: new PassThrough(), stderr: new PassThrough(), isTTY, ci };
}

test('ink is used only on a TTY with CI unset; otherwise it falls back to plain', async () => {
  const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  const [ink] = createReporters([{ name: 'ink' }], { ...io(true, false), stdout: terminal });
  assert.ok(ink instanceof InkReporter);
  await ink.close();
  assert.ok(createReporters([{ name: 'ink' }], io(false, false))[0] instanceof PlainReporter, 'a pipe gets plain');
  assert.ok(createReporters([{ name: 'ink' }], io(true, true))[0] instanceof PlainReporter, 'CI gets plain');
});

test('plain writes colour only on a TTY outside CI', () => {
  const colourOf = (isTTY: boolean, ci: boolean) => {
    const streams = io(isTTY, ci);
    const [plain] = createReporters([{ name: 'plain' }], streams);
    plain.onEvent({ type: 'run-done', summary: { cases: [], seedsRun: 0, passed: 0, failed: 0, skipped: 0, unsatisfied: [], wallMs: 0, ok: true }, interrupted: true });
    return /\u001b\[/.test(String(streams.stdout.read()));
  };
  assert.equal(colourOf(true, false), true);
  assert.equal(colourOf(false, false), false);
  assert.equal(colourOf(true, true), false);
});

test('junit combines with a stdout reporter and needs --output-file', () => {
  const reporters = createReporters([{ name: 'plain' }, { name: 'junit', outputFile: 'out/report.xml' }], io(false, true));
  assert.ok(reporters[0] instanceof PlainReporter);
  assert.ok(reporters[1] instanceof JUnitReporter);
  assert.throws(
    () => createReporters([{ name: 'junit' }], io(false, true)),
    (error: Error) => error instanceof ReporterConfigError && /junit reporter needs a file to write: pass --output-file <path>/.test(error.message),
  );
});

test('json combines with a stdout reporter and needs a file', () => {
  const reporters = createReporters([{ name: 'plain' }, { name: 'json', outputFile: 'out/report.json' }, { name: 'junit', outputFile: 'out/report.xml' }], io(false, true));
  assert.ok(reporters[1] instanceof JsonReporter);
  assert.ok(reporters[2] instanceof JUnitReporter);
  assert.throws(() => createReporters([{ name: 'json' }], io(false, true)), /the json reporter needs a file to write: pass --output-file <path> \(for example --reporter json --output-file reports\/moonpool\.json\)/);
});

test('ink with plain, or an unknown name, is a clear configuration error', () => {
  assert.throws(() => createReporters([{ name: 'ink' }, { name: 'plain' }], io(false, false)), /ink and plain reporters both write the run to stdout; pick one/);
  assert.throws(
    () => createReporters([{ name: 'tap' as 'plain' }], io(false, false)),
    /unknown reporter "tap"\. Use one of ink, plain, junit, json/,
  );
});
