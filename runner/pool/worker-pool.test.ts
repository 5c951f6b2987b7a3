import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { listCases } from '../run/case-selection.js';
import { runTests } from '../run/run-tests.js';
import { EventLog, fixtureOptions } from '../run/run.test-support.js';
import { caseJobs } from '../run/seed-job.js';
import { BOOT_ATTEMPTS_MAX, WorkerPool } from './worker-pool.js';

test('the watchdog kills a seed stuck in a synchronous loop; a fresh worker runs the other seeds', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('endless-loop', ['--seeds', '4', '--workers', '2', '--seed-timeout-ms', '1500']), log.emit);
  const results = log.results();
  const killed = results.filter((r) => r.failure?.kind === 'watchdog');
  assert.equal(results.length, 4, 'every seed reported');
  assert.ok(killed.length >= 1 && killed.length < 4, `some but not all seeds spin (got ${killed.length})`);
  for (const r of killed) {
    assert.ok(r.wallMs >= 1500, `the watchdog never fires before the seed's budget (seed ${r.seed} killed after ${r.wallMs} ms)`);
    assert.match(r.failure!.message, new RegExp(`seed ${r.seed} of spinner\\[1\\] \\(workloads/spinner\\.ts\\) ran for more than 1500 ms`));
    assert.match(r.failure!.message, /Spinner \(workloads\/spinner\.ts\)/);
    assert.match(r.replay, new RegExp(`--seed ${r.seed}$`));
  }
  assert.ok(results.some((r) => r.ok), 'the seeds that do not spin pass');
  assert.equal(summary.ok, false);
});

test('a worker that exits mid-seed is a crash of that seed only', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('worker-crash', ['--seeds', '4', '--workers', '1']), log.emit);
  const results = log.results();
  const crashed = results.filter((r) => !r.ok);
  assert.equal(results.length, 4);
  assert.ok(crashed.length >= 1 && crashed.length < 4, `some but not all seeds exit (got ${crashed.length})`);
  for (const r of crashed) {
    assert.equal(r.failure?.kind, 'crash');
    assert.match(r.failure!.message, new RegExp(`seed ${r.seed} of quitter\\[1\\] \\(workloads/quitter\\.ts\\) crashed its worker: the worker exited with code 3`));
  }
  assert.equal(summary.failed, crashed.length);
});

test('a worker that dies mid-batch: seeds it finished but had not reported run again; the same seeds crash with one worker or two', async () => {
  const crashedWith = async (workers: number) => {
    const log = new EventLog();
    await runTests(fixtureOptions('worker-crash', ['--seeds', '12', '--workers', String(workers)]), log.emit);
    const results = log.results();
    assert.deepEqual(results.map((r) => r.seed).sort(), [...new Set(results.map((r) => r.seed))].sort(), 'no seed reported twice');
    assert.equal(results.length, 12, 'every seed reported');
    for (const r of results.filter((r) => !r.ok)) assert.match(r.failure!.message, new RegExp(`^seed ${r.seed} of quitter\\[1\\] .* crashed its worker: the worker exited with code 3`));
    return results.filter((r) => !r.ok).map((r) => r.seed).sort();
  };
  const one = await crashedWith(1);
  assert.ok(one.length >= 2 && one.length <= 10, `some but not all seeds exit (got ${one.length})`);
  assert.deepEqual(await crashedWith(2), one);
});

test('aborting stops the run, abandons the seed in flight and still ends with run-done (interrupted)', async () => {
  const log = new EventLog();
  const controller = new AbortController();
  const emit = (event: Parameters<typeof log.emit>[0]) => {
    log.emit(event);
    if (event.type === 'case-start') controller.abort();
  };
  const summary = await runTests(fixtureOptions('endless-loop', ['--seeds', '3', '--workers', '1']), emit, controller.signal);
  const done = log.of('run-done');
  assert.equal(done.length, 1);
  assert.equal(done[0].interrupted, true);
  assert.equal(summary.ok, false);
  assert.equal(log.events.at(-1)?.type, 'run-done');
  assert.ok(summary.seedsRun < 3);
});

test('a worker that dies while loading the project (exit code 13) is replaced; every seed still runs', async (t) => {
  const marker = join(mkdtempSync(join(tmpdir(), 'moonpool-boot-')), 'died');
  process.env.MOONPOOL_BOOT_EXIT_ONCE = marker;
  t.after(() => {
    delete process.env.MOONPOOL_BOOT_EXIT_ONCE;
    rmSync(dirname(marker), { recursive: true, force: true });
  });
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('flaky-boot', ['--workers', '1']), log.emit);
  assert.ok(existsSync(marker), 'the first worker died while loading');
  assert.deepEqual(log.results().map((r) => r.failure?.message), [undefined, undefined, undefined]);
  assert.equal(summary.passed, 3);
});

test('workers stuck loading the project are stopped at the boot budget; after three the seeds fail naming it', async (t) => {
  const options = fixtureOptions('flaky-boot', ['--workers', '1']);
  const { cases } = await listCases(options);
  process.env.MOONPOOL_BOOT_STALL = '1';
  t.after(() => delete process.env.MOONPOOL_BOOT_STALL);
  const pool = new WorkerPool({ size: 1, init: { loaded: options.loaded }, seedTimeoutMs: 60_000, bootTimeoutMs: 500 });
  try {
    const result = await pool.run(...caseJobs(cases[0], options)(7));
    assert.equal(result.failure?.kind, 'crash');
    assert.match(result.failure!.message, new RegExp(`^seed 7 of napper\\[1\\] \\(workloads/napper\\.ts\\) crashed its worker: a worker could not load the project \\(${BOOT_ATTEMPTS_MAX} workers tried\\): the worker was still loading the project after 500 ms`));
  } finally {
    await pool.close();
  }
  // A run waits on the catalog before any seed: it gets the same cause as its one error.
  const fresh = new WorkerPool({ size: 2, init: { loaded: options.loaded }, seedTimeoutMs: 60_000, bootTimeoutMs: 300 });
  try {
    const catalog = await fresh.catalog();
    assert.deepEqual(catalog.topologies, []);
    assert.equal(catalog.errors.length, 1);
    assert.match(catalog.errors[0], new RegExp(`^a worker could not load the project \\(${BOOT_ATTEMPTS_MAX} workers tried\\): the worker was still loading the project after 300 ms.*Run the command again`));
  } finally {
    await fresh.close();
  }
});
