import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { cpuPerSeed, ownThreadCpuMs, threadCpuMs } from './thread-cpu.js';

test('cpuPerSeed: the busiest threads are the workers, the main thread apart, the rest helpers', () => {
  const before = new Map([[1, 100], [2, 1_000], [3, 2_000], [4, 50], [5, 10]]);
  // Main +200 ms, workers +900 and +800 ms, helpers +30 and +20 ms; thread 6 started in the window.
  const after = new Map([[1, 300], [2, 1_900], [3, 2_800], [4, 80], [5, 30], [6, 0]]);
  assert.deepEqual(cpuPerSeed(before, after, 1, 2, 100), { workerMs: 17, mainMs: 2, helperMs: 0.5 });
  assert.deepEqual(cpuPerSeed(before, after, 1, 1, 100), { workerMs: 9, mainMs: 2, helperMs: 8.5 });
  assert.throws(() => cpuPerSeed(before, after, 1, 0, 100), RangeError);
});

test('threadCpuMs: a thread that spun until the kernel counted 300 ms of its CPU is listed with them', { skip: process.platform !== 'linux' && 'no /proc' }, async () => {
  const before = threadCpuMs();
  assert.ok(before !== undefined && before.has(process.pid), 'the main thread (tid = pid) is listed');
  // The worker reads its own counters (/proc/thread-self): no wall-clock timing is involved.
  const spinner = new Worker(
    `const { readFileSync } = require('node:fs');
    const cpuMs = () => { const f = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
    while (cpuMs() < 300);
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
    require('node:worker_threads').parentPort.postMessage(tid);
    setInterval(() => {}, 1_000);`,
    { eval: true },
  );
  const tid = await new Promise<number>((resolve) => spinner.once('message', resolve));
  const after = threadCpuMs();
  await spinner.terminate();
  assert.ok(!before.has(tid), 'the spinner started after the first reading');
  const spunMs = after?.get(tid);
  assert.ok(spunMs !== undefined && spunMs >= 300 && spunMs < 2_000, `the spinner's thread shows ${spunMs} ms`);
});

test('ownThreadCpuMs: the calling thread\'s counter, the one threadCpuMs lists under its tid', { skip: process.platform !== 'linux' && 'no /proc' }, () => {
  const start = ownThreadCpuMs();
  assert.ok(start !== undefined);
  // Spin until the kernel has counted 100 ms more (the wall-clock bound only stops a broken counter hanging the test).
  const deadline = performance.now() + 20_000;
  let own = start;
  while (own < start + 100 && performance.now() < deadline) own = ownThreadCpuMs() ?? start;
  assert.ok(own >= start + 100, `the counter went from ${start} to ${own} ms while the thread spun`);
  const listed = threadCpuMs()?.get(process.pid);
  assert.ok(listed !== undefined && listed >= own && listed - own <= 20, `listed ${listed} ms for the main thread, its own counter ${own} ms`);
});
