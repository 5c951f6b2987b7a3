// Drives the real CLI in a real terminal (tmux) and reads the screen: live progress while the
// run goes, then the failures (each once, of every failing layout) and the summary.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { failuresPerLayoutShown } from './ink/run-store.js';
import { CI_VARIABLES, cliBin, repoRoot, requireBuiltCli, shellQuote } from './cli-process.test-support.js';

const tmuxMissing = spawnSync('tmux', ['-V']).error !== undefined;
const SKIP = tmuxMissing && 'tmux is not installed (CI installs it): this test reads the screen of a real terminal';

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

/** Runs the CLI with `args` in `fixture` in a 120x40 tmux terminal until it exits; returns the
 * whole scrollback and whether `progress` was ever on screen while it ran. */
async function runInTerminal(fixture: string, args: string, progress: RegExp): Promise<{ history: string; sawProgress: boolean }> {
  requireBuiltCli();
  const socket = `moonpool-ui-${process.pid}-${fixture}`;
  const cwd = resolve(repoRoot, 'fixtures', fixture);
  const unsetCi = CI_VARIABLES.map((v) => `-u ${v}`).join(' ');
  const command = `cd ${shellQuote(cwd)} && env ${unsetCi} ${shellQuote(process.execPath)} ${shellQuote(cliBin)} ${args}; echo "EXIT=$?"; sleep 120`;
  tmux(socket, 'new-session', '-d', '-s', 'ui', '-x', '120', '-y', '40', command);
  try {
    let sawProgress = false;
    let screen = '';
    const deadline = Date.now() + 80_000;
    while (!/EXIT=\d+/.test(screen)) {
      assert.ok(Date.now() < deadline, `the CLI did not finish in time; last screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
      screen = tmux(socket, 'capture-pane', '-p', '-t', 'ui');
      sawProgress ||= progress.test(screen);
    }
    // -J joins lines the terminal wrapped, so a long replay command reads as one line.
    return { history: tmux(socket, 'capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', 'ui'), sawProgress };
  } finally {
    tmux(socket, 'kill-server');
  }
}

test('the ink UI in a 120x40 terminal shows progress, each failure once, and the summary', { skip: SKIP, timeout: 90_000 }, async () => {
  const seeds = 80;
  const { history, sawProgress } = await runInTerminal('watch-project', `spin --seeds ${seeds} --workers 1`, new RegExp(`› spin\\[1\\]\\s+█*░+ \\d+ of ${seeds} seeds`));
  assert.ok(sawProgress, `no progress bar was seen while the run went on; final screen:\n${history}`);
  const counts = history.match(/^(\d+) passed, (\d+) failed$/m);
  assert.ok(counts, `no "N passed, N failed" line on screen:\n${history}`);
  const [passed, failed] = [Number(counts[1]), Number(counts[2])];
  assert.equal(passed + failed, seeds);
  assert.match(history, new RegExp(`[✓✗] spin\\[1\\] ${seeds} seeds`));
  const replays = [...history.matchAll(/^\s+replay: (npx moonpool-test spin --layout 1 --seed \d+)$/gm)].map((m) => m[1]);
  assert.equal(replays.length, Math.min(failed, failuresPerLayoutShown(1)), `one replay command per failing seed shown:\n${history}`);
  assert.equal(new Set(replays).size, replays.length, `a failure was printed twice:\n${history}`);
  assert.equal(history.match(/^ {4}spin: the seed drew an unlucky number$/gm)?.length, replays.length, 'each failure says its message once (its timeline may show the assertion too)');
  assert.match(history, new RegExp(`EXIT=${failed > 0 ? 1 : 0}`));
});

test('with two failing layouts, the ink UI prints failures of both, each block short and whole', { skip: SKIP, timeout: 90_000 }, async () => {
  const seeds = 40;
  const { history } = await runInTerminal('bug-split-brain', `--seeds ${seeds} --workers 2`, /› bug-split-brain\[/);
  for (const layout of ['3x1', '5x1']) {
    const summary = new RegExp(`✗ bug-split-brain\\[${layout}\\] ${seeds} seeds, (\\d+) failed`).exec(history);
    assert.ok(summary, `layout ${layout} failed in the summary:\n${history}`);
    const replays = [...history.matchAll(new RegExp(`^\\s+replay: npx moonpool-test bug-split-brain --layout ${layout} --seed \\d+$`, 'gm'))];
    assert.equal(replays.length, Math.min(Number(summary[1]), failuresPerLayoutShown(2)), `the failures of ${layout} shown:\n${history}`);
  }
  // The terminal wraps long lines: read each block with its line breaks and indentation as spaces.
  const blocks = history.split(/^✗ bug-split-brain\[\dx1\] seed /m).slice(1).map((b) => b.split('\n\n')[0]);
  assert.ok(blocks.length > 0);
  for (const block of blocks) {
    // The last timeline entries before the failure, one line each, at most 20; the rest is short
    // and says each thing once.
    const entries = block.split('\n').filter((line) => /^ {6} *[\d.]+ ms  #\d+ /.test(line));
    assert.ok(entries.length > 0 && entries.length <= 20, block);
    const flat = block.split('\n').filter((line) => !entries.includes(line)).join(' ').replace(/\s+/g, ' ');
    assert.match(flat, /^\d+ failed \(invariant\), in invariant "at most one leader per term" \(workloads\/invariants\.ts\), at [\d.]+ ms simulated, event #\d+ /);
    assert.match(flat, / event #\d+ 10\.0\.0\.\d:4500 and 10\.0\.0\.\d:4500 were both leader in term \d+ fix: /);
    assert.match(flat, / drew beyond network hostile: chaos\.buggify=o(n|ff) /);
    assert.equal(flat.match(/replay/gi)?.length, 1, block);
    assert.ok(flat.length < 800, `a failure block is short: ${flat.length} characters besides its timeline\n${block}`);
    assert.ok(block.split('\n').slice(1).every((line) => line.startsWith('  ')), `wrapped lines keep the block's indentation:\n${block}`);
  }
});
