// Drives the real CLI in a real terminal (tmux) and reads the screen: live progress while the
// run goes, then the failures (each once) and the summary.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { FAILURES_SHOWN_MAX } from './ink/run-store.js';
import { CI_VARIABLES, cliBin, repoRoot, requireBuiltCli, shellQuote } from './cli-process.test-support.js';

const tmuxMissing = spawnSync('tmux', ['-V']).error !== undefined;
const SEEDS = 80;

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

test(
  'the ink UI in a 120x40 terminal shows progress, each failure once, and the summary',
  { skip: tmuxMissing && 'tmux is not installed (CI installs it): this test reads the screen of a real terminal', timeout: 90_000 },
  async () => {
    requireBuiltCli();
    const socket = `moonpool-ui-${process.pid}`;
    const fixture = resolve(repoRoot, 'fixtures', 'watch-project');
    const unsetCi = CI_VARIABLES.map((v) => `-u ${v}`).join(' ');
    const command =
      `cd ${shellQuote(fixture)} && env ${unsetCi} ${shellQuote(process.execPath)} ${shellQuote(cliBin)} spin --seeds ${SEEDS} --workers 1; ` +
      'echo "EXIT=$?"; sleep 120';
    tmux(socket, 'new-session', '-d', '-s', 'ui', '-x', '120', '-y', '40', command);
    try {
      let sawProgress = false;
      let screen = '';
      const deadline = Date.now() + 80_000;
      while (!/EXIT=\d+/.test(screen)) {
        assert.ok(Date.now() < deadline, `the CLI did not finish in time; last screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 100));
        screen = tmux(socket, 'capture-pane', '-p', '-t', 'ui');
        sawProgress ||= new RegExp(`› spin\\[1\\]\\s+█*░+ \\d+/${SEEDS} seeds`).test(screen);
      }
      const history = tmux(socket, 'capture-pane', '-p', '-S', '-', '-E', '-', '-t', 'ui');
      assert.ok(sawProgress, `no progress bar was seen while the run went on; final screen:\n${history}`);
      const counts = history.match(/^(\d+) passed, (\d+) failed$/m);
      assert.ok(counts, `no "N passed, N failed" line on screen:\n${history}`);
      const [passed, failed] = [Number(counts[1]), Number(counts[2])];
      assert.equal(passed + failed, SEEDS);
      assert.match(history, new RegExp(`[✓✗] spin\\[1\\] ${SEEDS} seeds`));
      const replays = [...history.matchAll(/^\s+replay: (npx moonpool-test spin --layout 1 --seed \d+)$/gm)].map((m) => m[1]);
      assert.equal(replays.length, Math.min(failed, FAILURES_SHOWN_MAX), `one replay command per failing seed shown:\n${history}`);
      assert.equal(new Set(replays).size, replays.length, `a failure was printed twice:\n${history}`);
      assert.match(history, new RegExp(`EXIT=${failed > 0 ? 1 : 0}`));
    } finally {
      tmux(socket, 'kill-server');
    }
  },
);
