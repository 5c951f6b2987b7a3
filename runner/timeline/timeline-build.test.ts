// The HTML view as it ships: the bundle keeps it as a module of its own (scripts/bundle.mjs),
// writing the same page as the sources, and the packed tarball holds it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { requireBuild } from '../e2e/cli.test-support.js';
import { REPO_ROOT } from '../run/run.test-support.js';
import { timelineHtml } from './timeline-html.js';
import { hostileTimeline, syntheticTimeline } from './timeline.test-support.js';

const BUILT = join(REPO_ROOT, 'dist', 'runner', 'timeline', 'timeline-html.js');

test('dist/runner/timeline/timeline-html.js writes the same page as the sources', async () => {
  requireBuild();
  const built = (await import(pathToFileURL(BUILT).href)) as { timelineHtml: typeof timelineHtml };
  for (const timeline of [syntheticTimeline({ entries: 1_000 }), hostileTimeline()]) assert.equal(built.timelineHtml(timeline), timelineHtml(timeline));
});

test('npm pack ships the HTML view', { timeout: 60_000 }, async () => {
  requireBuild();
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
  delete env.NODE_OPTIONS;
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  const files = new Set(pack.files.map((file) => file.path));
  for (const path of ['dist/runner/timeline/timeline-html.js', 'dist/runner/timeline/timeline-html.d.ts']) assert.ok(files.has(path), `the tarball holds ${path}`);
});
