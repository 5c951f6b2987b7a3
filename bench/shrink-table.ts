// `node --import tsx bench/shrink-table.ts [fixtures…]`: for each planted-bug fixture, the first
// failing seed of its run shrunk with --shrink (2 workers), then the shrunk replay command run
// again: faults before and after, shrink runs, wall time, and whether the replay fails the same
// way at the same event. One Markdown table (the closing note of issue 22).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedResult } from 'moonpool';
import { parseArgs } from '../runner/cli/cli-args.js';
import { runTests } from '../runner/run/run-tests.js';
import { resolveRunOptions } from '../runner/cli/run-options.js';

const FIXTURES = join(fileURLToPath(new URL('..', import.meta.url)), 'fixtures');
const PLANTED = ['bug-ack-before-replication', 'bug-correlation-mixup', 'bug-lost-response-on-reconnect', 'bug-retry-applied-twice', 'bug-split-brain', 'bug-timeout-race'];

async function run(fixture: string, args: string[]): Promise<SeedResult[]> {
  const options = resolveRunOptions(parseArgs([...args, '--workers', '2']), { cwd: join(FIXTURES, fixture), isTTY: false, ci: true });
  const results: SeedResult[] = [];
  await runTests(options, (event) => {
    if (event.type === 'seed-done') results.push(event.result);
  });
  return results;
}

/** The replay command's arguments (after `npx moonpool-test`). */
function argsOf(replay: string): string[] {
  return replay.replace(/^npx moonpool-test /, '').split(' ');
}

console.log('| fixture | seed | faults injected | after shrinking | shrink runs | shrink wall s | shrunk replay |');
console.log('|---|---|---|---|---|---|---|');
for (const fixture of process.argv.length > 2 ? process.argv.slice(2) : PLANTED) {
  const startMs = performance.now();
  const results = await run(fixture, ['--seeds', '50', '--shrink', '--bail']);
  const wallS = (performance.now() - startMs) / 1000;
  const failing = results.find((r) => r.failure?.shrunk !== undefined);
  const failure = failing?.failure;
  const shrunk = failure?.shrunk;
  if (failing === undefined || failure === undefined || shrunk === undefined) {
    console.log(`| ${fixture} | - | - | not shrunk | - | ${wallS.toFixed(1)} | - |`);
    continue;
  }
  const [replayed] = await run(fixture, argsOf(shrunk.replay));
  const same = replayed.failure?.kind === failure.kind && replayed.failure.where === failure.where && replayed.failure.eventIndex === shrunk.eventIndex;
  const verdict = same ? `fails the same way at event #${shrunk.eventIndex}` : `differs: ${replayed.failure?.kind ?? 'passed'} at #${replayed.failure?.eventIndex}`;
  console.log(`| ${fixture} | ${failing.seed} | ${shrunk.faultsBefore} | ${shrunk.faults.length}: ${shrunk.faults.join('; ')} | ${shrunk.runs} | ${wallS.toFixed(1)} | ${verdict} |`);
}
