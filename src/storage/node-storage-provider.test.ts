// NodeStorageProvider behaviour a simulated disk does not share: a real root folder, symlinks,
// real fsyncs, node:fs errors. The shared behaviour is in storage-contract.test.ts.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, realpath, rm, symlink, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeStorageProvider } from './node-storage-provider.js';
import { relativeMessage, toStorageError } from './node-storage-errors.js';
import { FileClosedError, FileExistsError, FileNotFoundError, InvalidPathError, StorageError, StorageIOError } from './storage-errors.js';
import type { StorageProvider } from './storage-provider.js';

const text = (value: string) => new TextEncoder().encode(value);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A temp folder for one test, removed afterwards whatever happens. */
async function withTemp(body: (base: string) => Promise<void>): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'moonpool-node-storage-'));
  try {
    await body(base);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

/** A provider rooted at `<base>/root`, its files closed afterwards. */
async function withProvider(body: (provider: NodeStorageProvider, base: string) => Promise<void>): Promise<void> {
  await withTemp(async (base) => {
    const provider = new NodeStorageProvider(join(base, 'root'));
    try {
      await body(provider, base);
    } finally {
      await provider.closeAll();
    }
  });
}

async function create(provider: StorageProvider, path: string, data: string): Promise<void> {
  const file = await provider.open(path, { create: true });
  await file.write(0, text(data));
  await file.close();
}

async function contents(provider: StorageProvider, path: string): Promise<string> {
  const file = await provider.open(path);
  try {
    return decode(await file.read(0, await file.size()));
  } finally {
    await file.close();
  }
}

async function rejectsWith(promise: Promise<unknown>, type: abstract new (...args: never[]) => StorageError, code: string, what: string): Promise<StorageError> {
  let error: unknown;
  await promise.then(
    (value) => assert.fail(`${what}: resolved with ${String(value)}`),
    (e: unknown) => (error = e),
  );
  assert.ok(error instanceof type, `${what}: ${String(error)} is not a ${type.name}`);
  assert.equal(error.code, code, `${what}: code`);
  return error;
}

/** The FileHandle class's prototype (node:fs does not export the class). */
async function fileHandlePrototype(): Promise<FileHandle> {
  const handle = await open(process.execPath, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle) as FileHandle;
}

test('node storage: the root folder is created with its missing parents, and kept if it exists', async () => {
  await withTemp(async (base) => {
    const root = join(base, 'a', 'b', 'root');
    const provider = new NodeStorageProvider(root);
    assert.equal(existsSync(root), true);
    assert.equal(provider.root, join(await realRoot(base), 'a', 'b', 'root'));
    await create(provider, 'f', 'data');
    const again = new NodeStorageProvider(root);
    assert.equal(await contents(again, 'f'), 'data', 'a second provider on the same root sees the files');
    assert.deepEqual(await again.list(), ['f']);

    // A relative root is resolved against the working directory.
    const cwd = process.cwd();
    process.chdir(base);
    try {
      assert.equal(new NodeStorageProvider('rel/root').root, join(await realRoot(base), 'rel', 'root'));
    } finally {
      process.chdir(cwd);
    }

    writeFileSync(join(base, 'file'), 'not a folder');
    assert.throws(() => new NodeStorageProvider(join(base, 'file')), (e: unknown) => e instanceof StorageIOError && e.code === 'EEXIST');
    assert.throws(() => new NodeStorageProvider(join(base, 'file', 'under')), (e: unknown) => e instanceof StorageIOError && e.code === 'ENOTDIR');
  });
});

async function realRoot(base: string): Promise<string> {
  return realpath(base);
}

test('node storage: a symlink out of the root is refused by every call, and nothing outside changes', async () => {
  await withProvider(async (provider, base) => {
    const outside = join(base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret'), 'secret');
    const root = provider.root;
    await symlink(outside, join(root, 'out')); // an absolute folder link
    await symlink('../outside', join(root, 'rel')); // a relative folder link
    await symlink(join(outside, 'secret'), join(root, 'leak')); // a file link
    await symlink(join(outside, 'planted'), join(root, 'dangling')); // to a file not there yet
    await symlink('out', join(root, 'hop')); // inside, onto a link that leaves
    await mkdir(join(root, 'sub'));
    await symlink('../../outside', join(root, 'sub', 'up')); // leaves from a subfolder
    await create(provider, 'mine', 'mine');

    const escapes: [string, () => Promise<unknown>][] = [];
    for (const path of ['out/secret', 'rel/secret', 'leak', 'hop/secret', 'sub/up/secret', 'dangling', 'out/new', 'dangling/x', 'rel/a/b/c']) {
      escapes.push([`open ${path}`, () => provider.open(path)]);
      escapes.push([`open create ${path}`, () => provider.open(path, { create: true })]);
      escapes.push([`open exclusive ${path}`, () => provider.open(path, { create: true, exclusive: true })]);
      escapes.push([`exists ${path}`, () => provider.exists(path)]);
    }
    for (const path of ['out/secret', 'rel/secret', 'hop/secret', 'sub/up/secret']) {
      escapes.push([`delete ${path}`, () => provider.delete(path)]);
      escapes.push([`rename from ${path}`, () => provider.rename(path, 'stolen')]);
      escapes.push([`rename onto ${path}`, () => provider.rename('mine', path)]);
    }
    escapes.push(['rename into out/', () => provider.rename('mine', 'out/planted')]);
    escapes.push(['rename into rel/x/', () => provider.rename('mine', 'rel/x/planted')]);
    for (const [what, call] of escapes) {
      const error = await rejectsWith(call(), InvalidPathError, 'EINVAL', what);
      assert.match(error.message, /outside the storage root/, what);
      assert.ok(!error.message.includes(base), `${what}: the message shows the absolute path: ${error.message}`);
    }

    assert.deepEqual(await readdir(outside), ['secret'], 'nothing was created outside');
    assert.equal(readFileSync(join(outside, 'secret'), 'utf8'), 'secret', 'nothing was changed outside');
    assert.deepEqual(await readdir(base), ['outside', 'root']);
    assert.deepEqual(await provider.list(), ['mine'], 'list shows no file through a link that leaves');
    for (const prefix of ['out/', 'rel/', 'hop/', 'sub/up/', 'leak']) assert.deepEqual(await provider.list(prefix), [], `list(${prefix})`);
    assert.equal(await contents(provider, 'mine'), 'mine');

    // Deleting a link removes the link itself (inside the root), never its target.
    await provider.delete('leak');
    assert.equal(existsSync(join(root, 'leak')), false);
    assert.equal(readFileSync(join(outside, 'secret'), 'utf8'), 'secret');
  });
});

test('node storage: symlinks that stay inside the root are followed', async () => {
  await withProvider(async (provider) => {
    const root = provider.root;
    await create(provider, 'real/file', 'through a link');
    await symlink('real', join(root, 'alias')); // a folder link, relative
    await symlink(join(root, 'real', 'file'), join(root, 'link')); // a file link, absolute
    await symlink('real/later', join(root, 'pending')); // dangling, inside
    assert.equal(await contents(provider, 'alias/file'), 'through a link');
    assert.equal(await contents(provider, 'link'), 'through a link');
    assert.equal(await provider.exists('alias/file'), true);
    await create(provider, 'pending', 'created through a dangling link');
    assert.equal(readFileSync(join(root, 'real', 'later'), 'utf8'), 'created through a dangling link');
    await create(provider, 'alias/new', 'new');
    assert.equal(readFileSync(join(root, 'real', 'new'), 'utf8'), 'new');
    // File links are listed; folder links are not walked (no cycles, no duplicates).
    assert.deepEqual(await provider.list(), ['link', 'pending', 'real/file', 'real/later', 'real/new']);
    assert.deepEqual(await provider.list('alias/'), ['alias/file', 'alias/later', 'alias/new'], 'a prefix may name a linked folder');
  });
});

test('node storage: syncDirectory fsyncs the root and each folder changed since the last call', async () => {
  const proto = await fileHandlePrototype();
  const sync = mock.method(proto, 'sync');
  try {
    await withProvider(async (provider) => {
      const syncs = async () => {
        const before = sync.mock.callCount();
        await provider.syncDirectory();
        return sync.mock.callCount() - before;
      };
      assert.equal(await syncs(), 1, 'nothing changed: the root only');
      await create(provider, 'a/b/c/file', 'x'); // creates a, a/b, a/b/c
      assert.equal(await syncs(), 4, 'the root, a, a/b, a/b/c');
      assert.equal(await syncs(), 1, 'done: the root only');
      await provider.rename('a/b/c/file', 'd/moved'); // creates d
      assert.equal(await syncs(), 3, 'the root, d (new, and the target), a/b/c (the source)');
      await provider.delete('d/moved');
      assert.equal(await syncs(), 2, 'the root and d');
      const file = await provider.open('a/b/c/again', { create: true });
      await file.write(0, text('data'));
      assert.equal(await syncs(), 2, 'the root and a/b/c');
      await file.close();

      // A changed folder removed behind the provider's back is skipped, not an error.
      await create(provider, 'tmp/x', 'x');
      await rm(join(provider.root, 'tmp'), { recursive: true });
      await provider.syncDirectory();
      assert.deepEqual(await provider.list(), ['a/b/c/again']);
    });
  } finally {
    sync.mock.restore();
  }
});

test('node storage: a failed folder fsync is a StorageIOError, and the folders are tried again', async () => {
  const proto = await fileHandlePrototype();
  await withProvider(async (provider) => {
    await create(provider, 'x/y', 'y');
    const failing = mock.method(proto, 'sync', async () => {
      throw Object.assign(new Error(`EIO: i/o error, fsync '${provider.root}/x'`), { code: 'EIO' });
    });
    try {
      const error = await rejectsWith(provider.syncDirectory(), StorageIOError, 'EIO', 'failed fsync');
      assert.ok(!error.message.includes(provider.root), error.message);
    } finally {
      failing.mock.restore();
    }
    const sync = mock.method(proto, 'sync');
    try {
      await provider.syncDirectory();
      assert.equal(sync.mock.callCount(), 2, 'x and the root, again');
    } finally {
      sync.mock.restore();
    }
  });
});

test('node storage: StorageFile.sync() is a real fsync of the file handle', async () => {
  const proto = await fileHandlePrototype();
  const sync = mock.method(proto, 'sync');
  try {
    await withProvider(async (provider) => {
      const file = await provider.open('wal/000001.log', { create: true });
      await file.write(0, text('record'));
      const before = sync.mock.callCount();
      await file.sync();
      assert.equal(sync.mock.callCount() - before, 1);
      await file.sync();
      assert.equal(sync.mock.callCount() - before, 2);
      await file.close();
      assert.equal(readFileSync(join(provider.root, 'wal', '000001.log'), 'utf8'), 'record');
    });
  } finally {
    sync.mock.restore();
  }
});

test('node storage: a failed fsync or write is a StorageIOError with its code and a relative path', async () => {
  const proto = await fileHandlePrototype();
  await withProvider(async (provider) => {
    const file = await provider.open('wal/log', { create: true });
    const abs = join(provider.root, 'wal', 'log');
    const sync = mock.method(proto, 'sync', async () => {
      throw Object.assign(new Error(`EIO: i/o error, fsync '${abs}'`), { code: 'EIO', errno: -5, syscall: 'fsync', path: abs });
    });
    const write = mock.method(proto, 'write', async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    try {
      const syncError = await rejectsWith(file.sync(), StorageIOError, 'EIO', 'sync');
      assert.equal(syncError.path, 'wal/log');
      assert.ok(!syncError.message.includes(provider.root), syncError.message);
      assert.match(syncError.message, /'wal\/log'/);
      const writeError = await rejectsWith(file.write(0, text('x')), StorageIOError, 'ENOSPC', 'write');
      assert.equal(writeError.path, 'wal/log');
    } finally {
      sync.mock.restore();
      write.mock.restore();
    }
    await file.write(0, text('fine again'));
    await file.sync();
    await file.close();
  });
});

test('node storage: node:fs errors map to the typed errors, with paths made relative', () => {
  const root = '/data/moonpool/root';
  const errno = (code: string | undefined, message: string) => Object.assign(new Error(message), code === undefined ? {} : { code });
  const cases: [unknown, abstract new (...args: never[]) => StorageError, string][] = [
    [errno('ENOENT', `ENOENT: no such file or directory, open '${root}/a/b'`), FileNotFoundError, 'ENOENT'],
    [errno('EEXIST', `EEXIST: file already exists, open '${root}/a'`), FileExistsError, 'EEXIST'],
    [errno('EBADF', 'file closed'), FileClosedError, 'EBADF'],
    [errno('EIO', `EIO: i/o error, read`), StorageIOError, 'EIO'],
    [errno('ENOSPC', `ENOSPC: no space left on device, write`), StorageIOError, 'ENOSPC'],
    [errno('EDQUOT', `EDQUOT: disk quota exceeded, write`), StorageIOError, 'EDQUOT'],
    [errno('EACCES', `EACCES: permission denied, open '${root}/a'`), StorageIOError, 'EACCES'],
    [errno('EISDIR', `EISDIR: illegal operation on a directory, open '${root}/a'`), StorageIOError, 'EISDIR'],
    [errno(undefined, 'something odd'), StorageIOError, 'EIO'],
    ['a thrown string', StorageIOError, 'EIO'],
  ];
  for (const [error, type, code] of cases) {
    const mapped = toStorageError(error, 'a/b', [root]);
    assert.ok(mapped instanceof type, `${String(error)} → ${mapped.name}`);
    assert.equal(mapped.code, code);
    assert.equal(mapped.path, 'a/b');
    assert.ok(!mapped.message.includes(root), mapped.message);
  }
  const typed = new FileClosedError('x');
  assert.equal(toStorageError(typed, 'y'), typed, 'a StorageError passes through');
  assert.equal(relativeMessage(`EIO: i/o error, open '${root}/a/b'`, [root]), "EIO: i/o error, open 'a/b'");
  assert.equal(relativeMessage(`EIO: i/o error, open '${root}'`, [root]), "EIO: i/o error, open '.'");
});

test('node storage: real errors name the relative path only', async () => {
  await withProvider(async (provider, base) => {
    const missing = await rejectsWith(provider.open('no/such/file'), FileNotFoundError, 'ENOENT', 'open missing');
    assert.equal(missing.path, 'no/such/file');
    await create(provider, 'f', 'x');
    const exists = await rejectsWith(provider.open('f', { create: true, exclusive: true }), FileExistsError, 'EEXIST', 'exclusive');
    for (const error of [missing, exists]) assert.ok(!error.message.includes(base), error.message);
  });
});

test('node storage: files and folders cannot share a name', async () => {
  await withProvider(async (provider) => {
    await create(provider, 'f', 'file');
    await create(provider, 'dir/inner', 'inner');
    const underFile = await rejectsWith(provider.open('f/x', { create: true }), StorageIOError, 'ENOTDIR', 'create under a file');
    assert.equal(underFile.path, 'f/x');
    await rejectsWith(provider.open('f/x'), FileNotFoundError, 'ENOENT', 'open under a file');
    assert.equal(await provider.exists('f/x'), false);
    await rejectsWith(provider.delete('f/x'), FileNotFoundError, 'ENOENT', 'delete under a file');
    await rejectsWith(provider.rename('dir/inner', 'f/x'), StorageIOError, 'ENOTDIR', 'rename under a file');
    await rejectsWith(provider.open('dir'), FileNotFoundError, 'ENOENT', 'open a folder');
    await rejectsWith(provider.open('dir', { create: true }), StorageIOError, 'EISDIR', 'create over a folder');
    await rejectsWith(provider.rename('dir', 'moved'), FileNotFoundError, 'ENOENT', 'rename a folder');
    await rejectsWith(provider.rename('f', 'dir'), StorageIOError, 'EISDIR', 'rename onto a folder');
    assert.deepEqual(await provider.list(), ['dir/inner', 'f']);
    assert.equal(await contents(provider, 'f'), 'file');
  });
});

test('node storage: closeAll closes every open file; they reject FileClosedError and can be reopened', async () => {
  await withProvider(async (provider) => {
    await provider.closeAll();
    const files = await Promise.all(['a', 'b/c', 'b/d'].map((path) => provider.open(path, { create: true })));
    const twice = await provider.open('a');
    assert.equal(provider.openFiles, 4);
    await files[0].write(0, text('kept'));
    await files[1].close();
    assert.equal(provider.openFiles, 3);
    await provider.closeAll();
    assert.equal(provider.openFiles, 0);
    for (const file of [...files, twice]) {
      await rejectsWith(file.read(0, 1), FileClosedError, 'EBADF', `read ${file.path}`);
      await rejectsWith(file.write(0, text('x')), FileClosedError, 'EBADF', `write ${file.path}`);
      await rejectsWith(file.sync(), FileClosedError, 'EBADF', `sync ${file.path}`);
      await file.close();
    }
    await provider.closeAll();
    assert.equal(await contents(provider, 'a'), 'kept');
    assert.equal(provider.openFiles, 0);
  });
});

test('node storage: a read in flight when its file closes either completes or rejects FileClosedError', async () => {
  await withProvider(async (provider) => {
    const file = await provider.open('f', { create: true });
    await file.write(0, new Uint8Array(1 << 20).fill(7));
    const reads = Array.from({ length: 8 }, (_, i) => file.read(i * 1000, 1 << 17).then(
      (bytes) => bytes.length,
      (error: unknown) => error,
    ));
    await file.close();
    for (const outcome of await Promise.all(reads)) {
      assert.ok(typeof outcome === 'number' || outcome instanceof FileClosedError, `a read ended with ${String(outcome)}`);
    }
  });
});

test('node storage: list skips entries no workload could open', async () => {
  await withProvider(async (provider) => {
    await create(provider, 'ok', 'ok');
    writeFileSync(join(provider.root, 'back\\slash'), 'made outside moonpool');
    await mkdir(join(provider.root, 'empty', 'folders'), { recursive: true });
    assert.deepEqual(await provider.list(), ['ok']);
  });
});
