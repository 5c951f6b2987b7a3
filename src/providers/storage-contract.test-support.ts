// The storage contract: the same tests, run against every StorageProvider (the Node one on a temp
// folder; the simulated one with the `perfect` preset). Only the public StorageProvider API, and
// nothing that depends on timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileClosedError, FileExistsError, FileNotFoundError, InvalidPathError, InvalidRangeError, StorageError } from '../storage/storage-errors.js';
import { FILE_BYTES_MAX, IO_BYTES_MAX, NAME_LENGTH_MAX, PATH_LENGTH_MAX, type StorageProvider } from '../storage/storage-provider.js';

export interface StorageEnv {
  provider: StorageProvider;
  /** Closes and removes everything; may also assert that nothing leaked out of the namespace. */
  cleanup(): Promise<void>;
}

/** A fresh, empty namespace per test. */
export type StorageFactory = () => Promise<StorageEnv>;

export interface StorageContractOptions {
  /** Runs each test (factory, body and cleanup), for example inside a simulated world.
   * Default: directly. */
  around?: (body: () => Promise<void>) => Promise<void>;
}

/** The name the escape attempts use: a harness on a real disk checks it appears nowhere
 * (next to the root, in its parent, in /tmp, at /). */
export const ESCAPE_PROBE = 'moonpool-storage-contract-escape-probe';

type ErrorClass = abstract new (...args: never[]) => StorageError;

const encoder = new TextEncoder();

function text(value: string): Uint8Array {
  return encoder.encode(value);
}

/** Deterministic test bytes: a different pattern per `salt`, never all zeros. */
export function pattern(length: number, salt: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = ((i * 31 + salt * 7 + (i >> 8)) & 0xff) | 1;
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function assertBytes(actual: unknown, expected: Uint8Array, what: string): void {
  assert.ok(actual instanceof Uint8Array, `${what}: read() returned ${typeof actual}, not a Uint8Array`);
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} bytes instead of ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) assert.fail(`${what}: byte ${i} is ${actual[i]} instead of ${expected[i]}`);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.length})`;
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return String(value);
}

/** `call` must reject (not throw synchronously) with an error of `type` and `code`. */
async function rejectsWith(call: () => Promise<unknown>, type: ErrorClass, code: string, what: string): Promise<void> {
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (error) {
    assert.fail(`${what}: threw synchronously (${show(error)}: ${(error as Error)?.message}) instead of returning a rejected promise`);
  }
  let outcome: { value: unknown } | { error: unknown };
  try {
    outcome = { value: await promise };
  } catch (error) {
    outcome = { error };
  }
  if ('value' in outcome) assert.fail(`${what}: resolved (${show(outcome.value)}) instead of rejecting with ${type.name}`);
  const error = outcome.error;
  assert.ok(error instanceof type, `${what}: rejected with ${show(error)} (${(error as Error)?.message}) instead of ${type.name}`);
  assert.equal(error.code, code, `${what}: code ${error.code} instead of ${code}`);
  assert.equal(typeof error.path, 'string', `${what}: the error has no path`);
}

async function create(provider: StorageProvider, path: string, data?: Uint8Array): Promise<void> {
  const file = await provider.open(path, { create: true });
  if (data !== undefined) await file.write(0, data);
  await file.close();
}

async function contents(provider: StorageProvider, path: string): Promise<Uint8Array> {
  const file = await provider.open(path);
  try {
    return await file.read(0, await file.size());
  } finally {
    await file.close();
  }
}

/** Paths no storage accepts, each with why. */
export function badPaths(): [unknown, string][] {
  const long = ('d'.repeat(200) + '/').repeat(5) + 'f'.repeat(PATH_LENGTH_MAX - 1005 + 1);
  return [
    ['', 'empty'],
    ['/', 'a lone slash'],
    [`/${ESCAPE_PROBE}`, 'absolute'],
    [`/tmp/${ESCAPE_PROBE}`, 'absolute'],
    ['/etc/passwd', 'absolute'],
    ['..', 'a ".." segment'],
    [`../${ESCAPE_PROBE}`, 'a ".." segment'],
    [`../../${ESCAPE_PROBE}`, 'two ".." segments'],
    [`a/../../${ESCAPE_PROBE}`, 'a ".." segment inside'],
    ['a/../b', 'a ".." segment that stays inside'],
    ['a/..', 'a trailing ".." segment'],
    ['.', 'a "." segment'],
    ['./a', 'a leading "." segment'],
    ['a/./b', 'a "." segment inside'],
    ['a//b', 'an empty name (double slash)'],
    ['a/', 'an empty name (trailing slash)'],
    ['//a', 'an empty name (leading double slash)'],
    ['a\0b', 'a NUL byte'],
    [`${ESCAPE_PROBE}\0.txt`, 'a NUL byte'],
    ['\0', 'only a NUL byte'],
    ['a\\b', 'a backslash'],
    [`..\\${ESCAPE_PROBE}`, 'a backslash (Windows-style escape)'],
    ['C:\\x', 'a backslash (Windows drive)'],
    ['x'.repeat(PATH_LENGTH_MAX + 1), `longer than ${PATH_LENGTH_MAX}`],
    [long, `${long.length} characters of short names`],
    ['n'.repeat(NAME_LENGTH_MAX + 1), `a name longer than ${NAME_LENGTH_MAX}`],
    [`a/${'n'.repeat(NAME_LENGTH_MAX + 1)}/b`, `a name longer than ${NAME_LENGTH_MAX} inside`],
    [undefined, 'undefined'],
    [null, 'null'],
    [42, 'a number'],
    [{}, 'an object'],
    [['a'], 'an array'],
    [new String('a'), 'a String object'],
  ];
}

/** Offsets, lengths and sizes that are not integers in range. */
export function badNumbers(): unknown[] {
  return [-1, -0.5, 0.5, 1.5, NaN, Infinity, -Infinity, FILE_BYTES_MAX + 1, 2 ** 53, Number.MAX_VALUE, -(2 ** 31), '1', '', undefined, null, 1n, {}, [1]];
}

export function storageContract(name: string, factory: StorageFactory, options: StorageContractOptions = {}): void {
  const around = options.around ?? ((body) => body());
  const check = (title: string, body: (provider: StorageProvider) => Promise<void>): void => {
    test(`${name}: ${title}`, () =>
      around(async () => {
        const env = await factory();
        try {
          await body(env.provider);
        } finally {
          await env.cleanup();
        }
      }));
  };

  check('opening a missing file without create is FileNotFoundError and creates nothing', async (p) => {
    await rejectsWith(() => p.open('missing'), FileNotFoundError, 'ENOENT', 'open missing');
    await rejectsWith(() => p.open('dir/missing'), FileNotFoundError, 'ENOENT', 'open dir/missing');
    await rejectsWith(() => p.open('missing', {}), FileNotFoundError, 'ENOENT', 'open missing {}');
    await rejectsWith(() => p.open('missing', { create: false }), FileNotFoundError, 'ENOENT', 'open missing { create: false }');
    await rejectsWith(() => p.open('missing', { exclusive: true }), FileNotFoundError, 'ENOENT', 'open missing { exclusive } without create');
    assert.equal(await p.exists('missing'), false);
    assert.deepEqual(await p.list(), []);
  });

  check('create makes an empty file; creating it again keeps its data; exclusive refuses an existing file', async (p) => {
    const file = await p.open('a', { create: true });
    assert.equal(file.path, 'a');
    assert.equal(await file.size(), 0);
    assertBytes(await file.read(0, 10), new Uint8Array(0), 'a new file');
    await file.write(0, text('hello'));
    await file.close();
    assert.equal(await p.exists('a'), true);

    const again = await p.open('a', { create: true });
    assert.equal(await again.size(), 5, 'open with create must not truncate');
    assertBytes(await again.read(0, 5), text('hello'), 'a reopened with create');
    await again.close();

    await rejectsWith(() => p.open('a', { create: true, exclusive: true }), FileExistsError, 'EEXIST', 'exclusive create of an existing file');
    assertBytes(await contents(p, 'a'), text('hello'), 'a after the refused exclusive create');

    const fresh = await p.open('b/c', { create: true, exclusive: true });
    assert.equal(await fresh.size(), 0);
    await fresh.close();
    await rejectsWith(() => p.open('b/c', { create: true, exclusive: true }), FileExistsError, 'EEXIST', 'second exclusive create');
    const plain = await p.open('b/c');
    await plain.close();
    assert.deepEqual(await p.list(), ['a', 'b/c']);
  });

  check('read-your-writes: reads see the latest writes at once, through every handle of the file', async (p) => {
    const one = await p.open('f', { create: true });
    const two = await p.open('f');
    const data = pattern(1000, 1);
    await one.write(0, data);
    assertBytes(await one.read(0, 1000), data, 'whole file');
    assertBytes(await two.read(0, 1000), data, 'through a second handle');
    assertBytes(await one.read(123, 77), data.subarray(123, 200), 'a slice');

    const patch = pattern(50, 2);
    await two.write(500, patch);
    const expected = concat(data.subarray(0, 500), patch, data.subarray(550));
    assertBytes(await one.read(0, 1000), expected, 'after an overwrite through the other handle');
    assert.equal(await one.size(), 1000, 'an overwrite inside the file does not grow it');

    await one.write(990, pattern(20, 3));
    assert.equal(await two.size(), 1010);
    assertBytes(await two.read(990, 20), pattern(20, 3), 'an overwrite that extends the file');
    await one.close();
    await two.close();
  });

  check('reads are short at the end of the file, and empty at or past it', async (p) => {
    const file = await p.open('f', { create: true });
    const data = pattern(10, 4);
    await file.write(0, data);
    assertBytes(await file.read(0, 10), data, 'exactly the file');
    assertBytes(await file.read(0, 100), data, 'past the end from 0');
    assertBytes(await file.read(5, 100), data.subarray(5), 'past the end from 5');
    assertBytes(await file.read(9, 2), data.subarray(9), 'the last byte');
    assertBytes(await file.read(10, 1), new Uint8Array(0), 'at the end');
    assertBytes(await file.read(1000, 5), new Uint8Array(0), 'far past the end');
    assertBytes(await file.read(3, 0), new Uint8Array(0), 'zero bytes');
    assertBytes(await file.read(FILE_BYTES_MAX - 1, 1), new Uint8Array(0), 'at the largest offset');
    assertBytes(await file.read(FILE_BYTES_MAX, 0), new Uint8Array(0), 'zero bytes at the limit');
    assert.equal(await file.size(), 10, 'reads past the end do not grow the file');
    await file.close();
  });

  check('writing past the end fills the gap with zeros', async (p) => {
    const file = await p.open('f', { create: true });
    await file.write(100, text('abc'));
    assert.equal(await file.size(), 103);
    assertBytes(await file.read(0, 200), concat(new Uint8Array(100), text('abc')), 'gap from an empty file');
    await file.write(200, text('xyz'));
    assert.equal(await file.size(), 203);
    assertBytes(await file.read(100, 200), concat(text('abc'), new Uint8Array(97), text('xyz')), 'gap after data');
    await file.write(0, text('head'));
    assertBytes(await file.read(0, 8), concat(text('head'), new Uint8Array(4)), 'writing into the gap keeps the rest zero');
    await file.close();
  });

  check('truncate shrinks and grows with zeros; size follows writes and truncates', async (p) => {
    const file = await p.open('f', { create: true });
    const data = pattern(100, 5);
    await file.write(0, data);
    assert.equal(await file.size(), 100);
    await file.truncate(40);
    assert.equal(await file.size(), 40);
    assertBytes(await file.read(0, 100), data.subarray(0, 40), 'after shrinking');
    await file.truncate(60);
    assert.equal(await file.size(), 60);
    assertBytes(await file.read(0, 100), concat(data.subarray(0, 40), new Uint8Array(20)), 'after growing: zeros, not the old bytes');
    await file.truncate(60);
    assert.equal(await file.size(), 60, 'truncate to the same size');
    await file.truncate(0);
    assert.equal(await file.size(), 0);
    assertBytes(await file.read(0, 10), new Uint8Array(0), 'after truncating to 0');
    await file.write(5, text('z'));
    assertBytes(await file.read(0, 10), concat(new Uint8Array(5), text('z')), 'a write after truncate(0)');
    await file.truncate(3);
    await file.write(3, text('!'));
    assertBytes(await file.read(0, 10), concat(new Uint8Array(3), text('!')), 'appending at the new end');
    await file.close();
    assert.equal((await contents(p, 'f')).length, 4);
  });

  check('sync resolves, changes nothing visible, and may be repeated', async (p) => {
    const file = await p.open('f', { create: true });
    await file.sync();
    await file.write(0, pattern(300, 6));
    await file.sync();
    await file.sync();
    assert.equal(await file.size(), 300);
    assertBytes(await file.read(0, 300), pattern(300, 6), 'after sync');
    await file.truncate(10);
    await file.sync();
    assert.equal(await file.size(), 10);
    await file.close();
  });

  check('a closed and reopened file has its data, synced or not', async (p) => {
    const synced = await p.open('synced', { create: true });
    await synced.write(0, pattern(4096, 7));
    await synced.sync();
    await synced.close();
    const unsynced = await p.open('dir/unsynced', { create: true });
    await unsynced.write(10, pattern(500, 8));
    await unsynced.close();
    assertBytes(await contents(p, 'synced'), pattern(4096, 7), 'synced, reopened');
    assertBytes(await contents(p, 'dir/unsynced'), concat(new Uint8Array(10), pattern(500, 8)), 'unsynced, reopened');
    const again = await p.open('synced');
    await again.write(4096, text('more'));
    await again.close();
    assert.equal((await contents(p, 'synced')).length, 4100);
  });

  check('list: every file, sorted, nested paths included, folders not listed', async (p) => {
    for (const path of ['b', 'a/y/z', 'c.log', 'a/x', 'a-b', 'a/y/a', 'a/y/b/deep/er', 'é/ü']) await create(p, path, text(path));
    const all = ['a-b', 'a/x', 'a/y/a', 'a/y/b/deep/er', 'a/y/z', 'b', 'c.log', 'é/ü'];
    assert.deepEqual(await p.list(), all);
    assert.deepEqual(await p.list(''), all);
    assert.deepEqual(await p.list(undefined), all);
    for (const folder of ['a', 'a/y', 'a/y/b', 'é']) assert.equal(await p.exists(folder), false, `${folder} is a folder, not a file`);
    for (const path of all) assertBytes(await contents(p, path), text(path), path);
  });

  check('list(prefix): a plain string prefix over the whole path', async (p) => {
    for (const path of ['a/x', 'a/y/z', 'a/y/a', 'a-b', 'ab', 'b', 'c.log']) await create(p, path);
    assert.deepEqual(await p.list('a'), ['a-b', 'a/x', 'a/y/a', 'a/y/z', 'ab']);
    assert.deepEqual(await p.list('a/'), ['a/x', 'a/y/a', 'a/y/z']);
    assert.deepEqual(await p.list('a/y'), ['a/y/a', 'a/y/z']);
    assert.deepEqual(await p.list('a/y/'), ['a/y/a', 'a/y/z']);
    assert.deepEqual(await p.list('a/y/a'), ['a/y/a']);
    assert.deepEqual(await p.list('a/y/a/'), []);
    assert.deepEqual(await p.list('a/q/'), []);
    assert.deepEqual(await p.list('c.'), ['c.log']);
    assert.deepEqual(await p.list('b'), ['b']);
    assert.deepEqual(await p.list('zzz'), []);
    // Prefixes no valid path starts with match nothing (and look nowhere else).
    for (const prefix of ['/', '/a', '/etc/', '..', '../', `../${ESCAPE_PROBE}`, '../../', './', 'a//', 'a/../', 'a\\']) {
      assert.deepEqual(await p.list(prefix), [], `list(${show(prefix)})`);
    }
    // A prefix no path could hold at all is bad input, as a path would be.
    for (const prefix of [42, null, {}, 'a\0', 'x'.repeat(PATH_LENGTH_MAX + 1)]) {
      await rejectsWith(() => p.list(prefix as never), InvalidPathError, 'EINVAL', `list(${show(prefix)})`);
    }
  });

  check('delete removes a file; a missing one is FileNotFoundError', async (p) => {
    await create(p, 'a/b', text('b'));
    await create(p, 'a/c', text('c'));
    await p.delete('a/b');
    assert.equal(await p.exists('a/b'), false);
    assert.deepEqual(await p.list(), ['a/c']);
    await rejectsWith(() => p.open('a/b'), FileNotFoundError, 'ENOENT', 'open a deleted file');
    await rejectsWith(() => p.delete('a/b'), FileNotFoundError, 'ENOENT', 'delete twice');
    await rejectsWith(() => p.delete('never'), FileNotFoundError, 'ENOENT', 'delete a missing file');
    await rejectsWith(() => p.delete('x/y/z'), FileNotFoundError, 'ENOENT', 'delete in a missing folder');
    await rejectsWith(() => p.delete('a'), FileNotFoundError, 'ENOENT', 'delete a folder');
    assertBytes(await contents(p, 'a/c'), text('c'), 'the other file');
    const recreated = await p.open('a/b', { create: true });
    assert.equal(await recreated.size(), 0, 'a recreated file starts empty');
    await recreated.close();
  });

  check('rename moves a file with its data, creating folders; the old path is gone', async (p) => {
    await create(p, 'src', pattern(700, 9));
    await p.rename('src', 'dst/deep/file');
    assert.equal(await p.exists('src'), false);
    assert.equal(await p.exists('dst/deep/file'), true);
    assert.deepEqual(await p.list(), ['dst/deep/file']);
    assertBytes(await contents(p, 'dst/deep/file'), pattern(700, 9), 'moved data');
    await rejectsWith(() => p.open('src'), FileNotFoundError, 'ENOENT', 'open the old path');
    await p.rename('dst/deep/file', 'back');
    assert.deepEqual(await p.list(), ['back']);
    assertBytes(await contents(p, 'back'), pattern(700, 9), 'moved back');
  });

  check('rename onto an existing file replaces it; a missing source is FileNotFoundError', async (p) => {
    await create(p, 'a', text('the first, longer file'));
    await create(p, 'b', text('second'));
    await p.rename('b', 'a');
    assert.deepEqual(await p.list(), ['a']);
    assertBytes(await contents(p, 'a'), text('second'), 'the replaced target');

    await rejectsWith(() => p.rename('missing', 'a'), FileNotFoundError, 'ENOENT', 'rename a missing file');
    await rejectsWith(() => p.rename('no/such', 'c'), FileNotFoundError, 'ENOENT', 'rename from a missing folder');
    assertBytes(await contents(p, 'a'), text('second'), 'the target of a failed rename');
    assert.equal(await p.exists('c'), false);

    await p.rename('a', 'a');
    assertBytes(await contents(p, 'a'), text('second'), 'renamed onto itself');
    assert.deepEqual(await p.list(), ['a']);
  });

  check('exists: false until created, true after, false after delete and rename', async (p) => {
    assert.equal(await p.exists('e/f'), false);
    await create(p, 'e/f');
    assert.equal(await p.exists('e/f'), true);
    assert.equal(await p.exists('e'), false, 'a folder is not a file');
    assert.equal(await p.exists('e/f/g'), false, 'nothing under a file');
    await p.rename('e/f', 'g');
    assert.equal(await p.exists('e/f'), false);
    assert.equal(await p.exists('g'), true);
    await p.delete('g');
    assert.equal(await p.exists('g'), false);
  });

  check('a closed file rejects every operation with FileClosedError; close is idempotent', async (p) => {
    const file = await p.open('f', { create: true });
    const other = await p.open('f');
    await file.write(0, text('data'));
    await file.close();
    await file.close();
    await rejectsWith(() => file.read(0, 1), FileClosedError, 'EBADF', 'read');
    await rejectsWith(() => file.write(0, text('x')), FileClosedError, 'EBADF', 'write');
    await rejectsWith(() => file.sync(), FileClosedError, 'EBADF', 'sync');
    await rejectsWith(() => file.size(), FileClosedError, 'EBADF', 'size');
    await rejectsWith(() => file.truncate(0), FileClosedError, 'EBADF', 'truncate');
    assertBytes(await other.read(0, 10), text('data'), 'another handle still works');
    await other.write(4, text('!'));
    await other.close();
    assertBytes(await contents(p, 'f'), text('data!'), 'the file after its handles closed');
  });

  check('syncDirectory resolves with nothing to do and after creates, renames and deletes', async (p) => {
    await p.syncDirectory();
    await create(p, 'x/y/z', text('z'));
    await create(p, 'top', text('top'));
    await p.syncDirectory();
    await p.rename('x/y/z', 'x/w/z');
    await p.rename('top', 'x/top');
    await create(p, 'gone');
    await p.delete('gone');
    await p.syncDirectory();
    await p.syncDirectory();
    assert.deepEqual(await p.list(), ['x/top', 'x/w/z']);
    assertBytes(await contents(p, 'x/w/z'), text('z'), 'x/w/z');
  });

  check('concurrent writes at distinct offsets all land', async (p) => {
    const file = await p.open('f', { create: true });
    await Promise.all(Array.from({ length: 16 }, (_, i) => file.write(i * 100, pattern(100, 10 + i))));
    assert.equal(await file.size(), 1600);
    for (let i = 0; i < 16; i++) assertBytes(await file.read(i * 100, 100), pattern(100, 10 + i), `block ${i}`);
    await file.close();
  });

  check('written and read arrays are copies: changing them later changes nothing', async (p) => {
    const file = await p.open('f', { create: true });
    const source = pattern(64, 11);
    await file.write(0, source);
    source.fill(0);
    const first = await file.read(0, 64);
    first.fill(0);
    assertBytes(await file.read(0, 64), pattern(64, 11), 'after changing both arrays');
    const big = pattern(10, 12);
    await file.write(100, big.subarray(2, 5));
    assertBytes(await file.read(100, 10), big.subarray(2, 5), 'a view writes only its own bytes');
    await file.write(200, Buffer.from('buffer'));
    assertBytes(await file.read(200, 10), text('buffer'), 'a Buffer is a Uint8Array');
    await file.close();
  });

  check('the longest legal names and paths work', async (p) => {
    const name = 'n'.repeat(NAME_LENGTH_MAX);
    const path = ('d'.repeat(200) + '/').repeat(4) + 'f'.repeat(PATH_LENGTH_MAX - 804);
    assert.equal(path.length, PATH_LENGTH_MAX);
    for (const each of [name, `dir/${name}`, path]) {
      await create(p, each, text(each.slice(0, 8)));
      assert.equal(await p.exists(each), true, `exists ${show(each)}`);
      assertBytes(await contents(p, each), text(each.slice(0, 8)), show(each));
    }
    assert.deepEqual(await p.list(), [path, `dir/${name}`, name].sort());
    await p.rename(path, 'short');
    await p.rename('short', path);
    for (const each of [name, `dir/${name}`, path]) await p.delete(each);
    assert.deepEqual(await p.list(), []);
  });

  check('every bad path is InvalidPathError (EINVAL) in every call, and touches nothing', async (p) => {
    await create(p, 'keep', text('kept'));
    for (const [bad, why] of badPaths()) {
      const label = `${show(bad)} (${why})`;
      const path = bad as string;
      await rejectsWith(() => p.open(path), InvalidPathError, 'EINVAL', `open ${label}`);
      await rejectsWith(() => p.open(path, { create: true }), InvalidPathError, 'EINVAL', `open create ${label}`);
      await rejectsWith(() => p.open(path, { create: true, exclusive: true }), InvalidPathError, 'EINVAL', `open exclusive ${label}`);
      await rejectsWith(() => p.exists(path), InvalidPathError, 'EINVAL', `exists ${label}`);
      await rejectsWith(() => p.delete(path), InvalidPathError, 'EINVAL', `delete ${label}`);
      await rejectsWith(() => p.rename(path, 'moved'), InvalidPathError, 'EINVAL', `rename from ${label}`);
      await rejectsWith(() => p.rename('keep', path), InvalidPathError, 'EINVAL', `rename onto ${label}`);
    }
    assert.deepEqual(await p.list(), ['keep'], 'nothing was created, moved or deleted');
    assertBytes(await contents(p, 'keep'), text('kept'), 'keep');
    await p.syncDirectory();
  });

  check('every bad offset, length and size is InvalidRangeError (EINVAL), and changes nothing', async (p) => {
    const file = await p.open('f', { create: true });
    const data = pattern(10, 13);
    await file.write(0, data);
    for (const bad of badNumbers()) {
      const n = bad as number;
      await rejectsWith(() => file.read(n, 1), InvalidRangeError, 'EINVAL', `read offset ${show(bad)}`);
      await rejectsWith(() => file.read(0, n), InvalidRangeError, 'EINVAL', `read length ${show(bad)}`);
      await rejectsWith(() => file.write(n, text('x')), InvalidRangeError, 'EINVAL', `write offset ${show(bad)}`);
      await rejectsWith(() => file.truncate(n), InvalidRangeError, 'EINVAL', `truncate ${show(bad)}`);
    }
    await rejectsWith(() => file.read(0, IO_BYTES_MAX + 1), InvalidRangeError, 'EINVAL', 'read longer than IO_BYTES_MAX');
    await rejectsWith(() => file.read(FILE_BYTES_MAX, 1), InvalidRangeError, 'EINVAL', 'read ending past FILE_BYTES_MAX');
    await rejectsWith(() => file.read(FILE_BYTES_MAX - 1, 2), InvalidRangeError, 'EINVAL', 'read ending past FILE_BYTES_MAX');
    await rejectsWith(() => file.write(FILE_BYTES_MAX, text('x')), InvalidRangeError, 'EINVAL', 'write ending past FILE_BYTES_MAX');
    await rejectsWith(() => file.write(FILE_BYTES_MAX - 2, text('xyz')), InvalidRangeError, 'EINVAL', 'write ending past FILE_BYTES_MAX');
    await rejectsWith(() => file.write(0, new Uint8Array(IO_BYTES_MAX + 1)), InvalidRangeError, 'EINVAL', 'write longer than IO_BYTES_MAX');
    await rejectsWith(() => file.truncate(FILE_BYTES_MAX + 1), InvalidRangeError, 'EINVAL', 'truncate past FILE_BYTES_MAX');
    assert.equal(await file.size(), 10);
    assertBytes(await file.read(0, 100), data, 'the file after the refused calls');
    await file.close();
  });

  check('write rejects bytes that are not a Uint8Array with StorageError EINVAL, and changes nothing', async (p) => {
    const file = await p.open('f', { create: true });
    await file.write(0, text('safe'));
    const bad: unknown[] = ['text', [1, 2, 3], new ArrayBuffer(3), new DataView(new ArrayBuffer(3)), new Int8Array(3), new Uint16Array(2), new Uint8ClampedArray(3), null, undefined, 42, { length: 3, 0: 1 }];
    for (const bytes of bad) {
      let error: unknown;
      try {
        await file.write(0, bytes as Uint8Array);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof StorageError, `write(${show(bytes)}): ${error === undefined ? 'resolved' : `rejected with ${show(error)}`} instead of a StorageError`);
      assert.equal(error.code, 'EINVAL', `write(${show(bytes)}): code`);
      assert.ok(!(error instanceof InvalidPathError), `write(${show(bytes)}): not a path error`);
    }
    assertBytes(await file.read(0, 100), text('safe'), 'the file after the refused writes');
    await file.close();
  });
}
