import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { epochNowMs, SeedProgress } from './seed-progress.js';

test('a progress record reads back the job begun last and its start time; none before the first', () => {
  const progress = new SeedProgress(SeedProgress.buffer());
  assert.deepEqual(progress.read(), { jobId: 0, startedMs: 0 });
  progress.begin(7, 1_700_000_000_123.25);
  progress.begin(8, 1_700_000_000_456.5);
  assert.deepEqual(progress.read(), { jobId: 8, startedMs: 1_700_000_000_456.5 });
});

test('a job id must be a positive 31-bit integer and the buffer the right size', () => {
  const progress = new SeedProgress(SeedProgress.buffer());
  for (const id of [0, -1, 1.5, 2 ** 31]) assert.throws(() => progress.begin(id, 0), /job id .* is not a positive 31-bit integer/);
  assert.throws(() => new SeedProgress(new SharedArrayBuffer(8)), /16-byte SharedArrayBuffer, got 8 bytes/);
});

test('the pool thread sees what a worker thread records, on the same clock', async () => {
  const progress = new SeedProgress(SeedProgress.buffer());
  const workerData = { workerMain: new URL('./seed-progress.test-support.ts', import.meta.url).href, progress: progress.buffer };
  const before = epochNowMs();
  const worker = new Worker(new URL('../worker/worker-entry.mjs', import.meta.url), { workerData });
  await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  const after = epochNowMs();
  await worker.terminate();
  const { jobId, startedMs } = progress.read();
  assert.equal(jobId, 42);
  assert.ok(startedMs >= before && startedMs <= after, `the worker's start time ${startedMs} lies between ${before} and ${after}`);
});
