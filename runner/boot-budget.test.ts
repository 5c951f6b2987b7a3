import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { withinBudget } from './boot-budget.js';

test('work that settles in time passes through: its value or its error', async () => {
  assert.equal(await withinBudget(Promise.resolve(7), 60_000, 'stalled'), 7);
  await assert.rejects(withinBudget(Promise.reject(new RangeError('bad file')), 60_000, 'stalled'), RangeError);
});

test('a load that never settles ends with the stalled message, not a silent exit 13', () => {
  // A thread awaiting a promise that never settles exits with code 13 and prints nothing once no
  // handle keeps it alive: what a stuck import did to the CLI and its workers.
  const moduleUrl = new URL('./boot-budget.ts', import.meta.url).href;
  const script = `import { withinBudget } from ${JSON.stringify(moduleUrl)};\nawait withinBudget(new Promise(() => {}), 50, 'the load stalled');\n`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.status, 1, `exit code ${child.status}, stderr: ${child.stderr}`);
  assert.match(child.stderr, /Error: the load stalled/);
});
