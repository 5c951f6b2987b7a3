import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskScope } from '../core/task-scope.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { SimStorageProvider } from './sim-storage-provider.js';
import {
  FileClosedError,
  FileExistsError,
  FileNotFoundError,
  InvalidPathError,
  InvalidRangeError,
  StorageError,
} from './storage-errors.js';
import { FILE_BYTES_MAX, IO_BYTES_MAX, type StorageFile } from './storage-provider.js';
import { withDisk } from './storage.test-support.js';

const BAD_PATHS: unknown[] = ['', '/abs', 'a/../b', './a', 'a//b', 'a/', 'a\\b', 'nul\0', 'x'.repeat(256), 42, undefined];

test('every bad argument rejects with a typed StorageError, and changes nothing', async () => {
  await withDisk(1, 'perfect', async ({ world, storage }) => {
    const t = world.nowMs;
    for (const path of BAD_PATHS) {
      const p = path as string;
      for (const call of [() => storage.open(p, { create: true }), () => storage.exists(p), () => storage.delete(p), () => storage.rename(p, 'ok'), () => storage.rename('ok', p)]) {
        await assert.rejects(call(), InvalidPathError, `path ${JSON.stringify(path)}`);
      }
    }
    await assert.rejects(storage.list(7 as unknown as string), InvalidPathError);
    await assert.rejects(storage.open('f', 'yes' as never), (e: unknown) => e instanceof StorageError && e.code === 'EINVAL');
    await assert.rejects(storage.open('f', { create: 1 as unknown as boolean }), /options\.create must be a boolean/);
    assert.equal(world.nowMs, t, 'rejected at once');
    assert.deepEqual(await storage.list(), []);
    const file = await storage.open('f', { create: true });
    for (const [offset, length] of [[-1, 1], [0.5, 1], [NaN, 1], [0, -1], [0, IO_BYTES_MAX + 1], [FILE_BYTES_MAX, 1], ['0', 1]] as const) {
      await assert.rejects(file.read(offset as number, length), InvalidRangeError, `read(${offset}, ${length})`);
    }
    await assert.rejects(file.write(-1, new Uint8Array(1)), InvalidRangeError);
    await assert.rejects(file.write(FILE_BYTES_MAX - 1, new Uint8Array(2)), InvalidRangeError);
    for (const bytes of ['text', [1, 2], null, new ArrayBuffer(2)]) {
      await assert.rejects(file.write(0, bytes as unknown as Uint8Array), (e: unknown) => e instanceof StorageError && e.code === 'EINVAL' && /must be a Uint8Array/.test(e.message));
    }
    for (const size of [-1, 1.5, FILE_BYTES_MAX + 1, Infinity]) await assert.rejects(file.truncate(size), InvalidRangeError);
    assert.equal(await file.size(), 0);
    await file.write(0, Buffer.from('a Buffer is a Uint8Array'));
    assert.equal(await file.size(), 24);
  });
});

test('missing files, exclusive creation, and closed handles', async () => {
  await withDisk(2, 'perfect', async ({ storage }) => {
    await assert.rejects(storage.open('nope'), FileNotFoundError);
    await assert.rejects(storage.delete('nope'), FileNotFoundError);
    await assert.rejects(storage.rename('nope', 'x'), FileNotFoundError);
    const file = await storage.open('f', { create: true, exclusive: true });
    await assert.rejects(storage.open('f', { create: true, exclusive: true }), FileExistsError);
    const again = await storage.open('f', { create: true });
    await file.write(0, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...(await again.read(0, 10))], [1, 2, 3], 'two handles, one file');
    await file.close();
    await file.close(); // idempotent
    const calls: (() => Promise<unknown>)[] = [() => file.read(0, 1), () => file.write(0, new Uint8Array(1)), () => file.sync(), () => file.size(), () => file.truncate(0)];
    for (const call of calls) await assert.rejects(call(), FileClosedError);
    assert.equal(await again.size(), 3, 'closing one handle leaves the other open');
  });
});

test('handles follow the file, not its name (rename and delete leave them working)', async () => {
  await withDisk(3, 'perfect', async ({ storage }) => {
    const a = await storage.open('dir/a', { create: true });
    await a.write(0, new Uint8Array([7]));
    await storage.rename('dir/a', 'dir/b');
    await a.write(1, new Uint8Array([8]));
    assert.deepEqual([...(await (await storage.open('dir/b')).read(0, 2))], [7, 8]);
    await (await storage.open('other', { create: true })).close();
    await storage.rename('other', 'dir/b'); // replaces dir/b; `a` now names a file without a name
    assert.deepEqual(await storage.list(), ['dir/b']);
    assert.equal(await (await storage.open('dir/b')).size(), 0);
    await a.write(2, new Uint8Array([9]));
    assert.deepEqual([...(await a.read(0, 3))], [7, 8, 9]);
    await storage.delete('dir/b');
    assert.equal(await storage.exists('dir/b'), false);
    await storage.rename('x', 'y').catch(() => {});
    await (await storage.open('z/1', { create: true })).close();
    await (await storage.open('z/0', { create: true })).close();
    await (await storage.open('y', { create: true })).close();
    assert.deepEqual(await storage.list(), ['y', 'z/0', 'z/1']);
    assert.deepEqual(await storage.list('z/'), ['z/0', 'z/1']);
    await storage.rename('y', 'y'); // a no-op
    assert.deepEqual(await storage.list('y'), ['y']);
  });
});

test('two providers (two incarnations) share the disk; invalidate() closes one provider and its handles', async () => {
  await withDisk(4, 'perfect', async ({ world, disk, storage }) => {
    const first = await storage.open('log', { create: true });
    await first.write(0, new Uint8Array([1]));
    const opening = storage.open('log');
    storage.invalidate();
    await assert.rejects(opening, (e: unknown) => e instanceof StorageError && e.code === 'EBADF', 'an open in flight when the process stopped');
    await assert.rejects(first.read(0, 1), FileClosedError);
    await assert.rejects(storage.list(), (e: unknown) => e instanceof StorageError && e.code === 'EBADF');
    assert.equal(storage.openHandles, 0);
    const next = new SimStorageProvider(world, disk);
    const second = await next.open('log');
    assert.deepEqual([...(await second.read(0, 1))], [1], 'the next incarnation reads what the first wrote');
    await next.delete('log');
    await second.close();
    assert.equal(disk.usedBytes(), 0, 'every handle of the deleted file is gone: its space is free');
  });
});

test("a killed task's storage operations never resume; the disk still applies what was issued", async () => {
  await withDisk(5, 'default', async ({ world, disk, storage }) => {
    disk.setFaultsEnabled(false);
    const file = await storage.open('f', { create: true });
    const log: string[] = [];
    const scope = new TaskScope('process');
    world.spawn(
      'process.run',
      async () => {
        await file.write(0, new Uint8Array([5]));
        log.push('wrote');
        await file.sync();
        log.push('synced'); // never: killed while the sync is in flight
      },
      false,
      scope,
    );
    const time = new SimTimeProvider(world);
    while (log.length === 0) await time.sleep(0.001);
    scope.kill();
    storage.invalidate();
    await time.sleep(1000);
    assert.deepEqual(log, ['wrote']);
    const next = new SimStorageProvider(world, disk);
    assert.deepEqual([...(await (await next.open('f')).read(0, 1))], [5]);
  });
});

test('every operation takes simulated time, as a wait of its task', async () => {
  await withDisk(6, 'perfect', async ({ world, storage }) => {
    const steps: [string, () => Promise<unknown>][] = [];
    let file: StorageFile | undefined;
    steps.push(['open', async () => (file = await storage.open('f', { create: true }))]);
    steps.push(['write', () => file!.write(0, new Uint8Array(10))]);
    steps.push(['read', () => file!.read(0, 10)]);
    steps.push(['size', () => file!.size()]);
    steps.push(['truncate', () => file!.truncate(5)]);
    steps.push(['sync', () => file!.sync()]);
    steps.push(['exists', () => storage.exists('f')]);
    steps.push(['list', () => storage.list()]);
    steps.push(['rename', () => storage.rename('f', 'g')]);
    steps.push(['syncDirectory', () => storage.syncDirectory()]);
    steps.push(['delete', () => storage.delete('g')]);
    for (const [name, step] of steps) {
      const t = world.nowMs;
      const events = world.eventIndex;
      await step();
      assert.ok(world.nowMs > t, `${name} took no simulated time`);
      assert.ok(world.eventIndex > events, `${name} ran no event`);
    }
  });
});
