import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fixtureDir } from '../run/run.test-support.js';
import { countsOf, runCli } from './cli.test-support.js';

const cwd = fixtureDir('endless-loop');
const out = mkdtempSync(join(tmpdir(), 'moonpool-watchdog-'));
after(() => rmSync(out, { recursive: true, force: true }));

test('an endless synchronous loop is killed by the watchdog; the other seeds still run; exit 1', async () => {
  const run = await runCli(['--seeds', '4', '--workers', '2', '--seed-timeout-ms', '1500'], { cwd });
  assert.equal(run.code, 1);
  const killed = [...run.stdout.matchAll(/spinner\[1\] seed (\d+) failed \(watchdog\)/g)].map((m) => m[1]);
  const { passed, failed } = countsOf(run.stdout);
  assert.equal(passed + failed, 4);
  assert.equal(failed, killed.length);
  assert.ok(killed.length >= 1 && passed >= 1, `some seeds spin, some pass (${killed.length} killed, ${passed} passed)`);
  for (const seed of killed) assert.ok(run.stdout.includes(`replay: npx moonpool-test spinner --layout 1 --seed ${seed}`), seed);
  assert.match(run.stdout, /ran for more than 1500 ms of wall-clock time and was killed by the watchdog/);
});

for (const [signal, code, what] of [['SIGINT', 130, 'Ctrl-C'], ['SIGTERM', 143, 'a CI cancel']] as const) {
  test(`${signal} (${what}) stops the run: JUnit report and summary written, exit ${code}`, async () => {
    const file = join(out, `junit-${signal}.xml`);
    let sent = false;
    const run = await runCli(['--seeds', '4', '--workers', '1', '--reporter', 'junit', '--output-file', file], {
      cwd,
      // Interrupt once the run has started (the first seed spins until the watchdog's 60 s).
      onStdout: (text, child) => {
        if (!sent && text.includes('moonpool-test:')) {
          sent = true;
          child.kill(signal);
        }
      },
    });
    assert.ok(sent, 'the run started');
    assert.equal(run.code, code, run.stdout + run.stderr);
    assert.match(run.stderr, new RegExp(`Interrupted \\(${signal}\\): stopping the run and writing the reports`));
    assert.match(run.stdout, /\d+ passed, \d+ failed/, 'the summary line is printed');
    assert.ok(existsSync(file), 'the JUnit file is written');
    assert.match(readFileSync(file, 'utf8'), /<property name="interrupted" value="true"\/>/);
  });
}
