// What the timeline recorder costs. Off (every bulk run): kv-store events/s with the recorder's
// hooks compiled in, beside the same seeds on the tree of the last commit before the recorder
// (built into a temporary folder from the repository's history). On (a replay with --trace or
// --timeline): the same seeds recorded, beside unrecorded, in this tree.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The last commit without the recorder's hooks. */
export const BASELINE_COMMIT = 'b5d92d7300494bfba18b57759d42363c03c8e8c4';
const CHILD = 'bench/kv-events-child.ts';

/** The baseline tree, built once per machine; undefined (and why) without the history. */
function baselineTree(): { dir?: string; why?: string } {
  const dir = join(tmpdir(), `moonpool-bench-${BASELINE_COMMIT.slice(0, 12)}`);
  if (!existsSync(join(dir, 'dist', 'src', 'index.js'))) {
    try {
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['-C', ROOT, 'archive', BASELINE_COMMIT], { maxBuffer: 256 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
      if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'ignore' });
    } catch (error) {
      return { why: `the baseline commit ${BASELINE_COMMIT.slice(0, 7)} could not be built from the repository's history (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
    }
  }
  copyFileSync(join(ROOT, CHILD), join(dir, CHILD));
  return { dir };
}

function eventsPerSec(tree: string, seeds: number, warmup: number, record: boolean): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CHILD, String(seeds), String(warmup), record ? 'record' : 'plain'], { cwd: tree, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${CHILD} in ${tree} exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as { eventsPerSec: number }).eventsPerSec;
}

export interface TraceFigures {
  /** events/s, recorder compiled in and off. */
  off: number;
  /** events/s of the baseline tree; undefined without the history. */
  baseline: number | undefined;
  baselineWhy?: string;
  /** events/s recording every entry. */
  on: number;
}

/** Best of `rounds` alternated runs of each side. */
export function traceOverhead(seeds: number, warmup: number, rounds: number): TraceFigures {
  const tree = baselineTree();
  let [off, baseline, on] = [0, 0, 0];
  for (let i = 0; i < rounds; i++) {
    if (tree.dir !== undefined) baseline = Math.max(baseline, eventsPerSec(tree.dir, seeds, warmup, false));
    off = Math.max(off, eventsPerSec(ROOT, seeds, warmup, false));
    on = Math.max(on, eventsPerSec(ROOT, seeds, warmup, true));
  }
  return { off, baseline: tree.dir === undefined ? undefined : baseline, baselineWhy: tree.why, on };
}
