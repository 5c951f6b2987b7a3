import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { startEarlyWorker } from './early-worker.js';
import { fixtureDir, fixtureOptions } from '../run/run.test-support.js';
import { WorkerPool } from './worker-pool.js';

test('only a plain run gets an early worker: not with --config, --list, --watch, --help, nor a config that does not load', () => {
  for (const argv of [['--config', 'x.json'], ['--config=x.json'], ['--list'], ['ping', '--watch'], ['--help'], ['-h']]) {
    assert.equal(startEarlyWorker(argv, fixtureDir('basic-pass')), undefined, argv.join(' '));
  }
  assert.equal(startEarlyWorker([], fixtureDir('bad-config/malformed')), undefined);
});

test('the pool adopts an early worker for the same project and hears what it said before (its catalog)', async () => {
  const options = fixtureOptions('basic-pass', ['--workers', '1']);
  const early = startEarlyWorker(['--seeds', '2'], fixtureDir('basic-pass'));
  assert.ok(early !== undefined);
  assert.deepEqual(early.init, { loaded: options.loaded });
  await sleep(3000); // loaded and ready before the pool exists: the ready message waits in the early worker
  const pool = new WorkerPool({ size: 1, init: { loaded: options.loaded }, seedTimeoutMs: 60_000, bootTimeoutMs: 500 });
  try {
    pool.adopt(early);
    const catalog = await pool.catalog();
    assert.deepEqual(catalog.errors, []);
    assert.deepEqual(catalog.topologies.map((t) => t.cases.map((c) => c.caseId)), [['echo[1x1]', 'echo[1x2]']]);
  } finally {
    await pool.close();
  }
});

test('an early worker for another project is ended, and the pool loads its own', async () => {
  const early = startEarlyWorker([], fixtureDir('basic-pass'));
  assert.ok(early !== undefined);
  const options = fixtureOptions('flaky-boot', ['--workers', '1']);
  const pool = new WorkerPool({ size: 1, init: { loaded: options.loaded }, seedTimeoutMs: 60_000 });
  try {
    pool.adopt(early);
    const catalog = await pool.catalog();
    assert.deepEqual(catalog.topologies.map((t) => t.name), ['napper']);
  } finally {
    await pool.close();
  }
});
