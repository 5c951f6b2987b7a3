// Where a path really leads on the local file system, symlinks resolved, even when its last
// parts do not exist yet: the NodeStorageProvider's check that nothing escapes its root.
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { errnoCode } from './node-storage-errors.js';

/** Symlinks followed before giving up (Linux's own limit is 40). */
const SYMLINK_HOPS_MAX = 40;

/**
 * The absolute path `abs` leads to: every existing part resolved (symlinks followed, including a
 * dangling one, whose target is resolved in turn), the missing tail appended as it is. So the
 * answer is where open(abs, O_CREAT) or mkdir -p would act.
 */
export async function realLocation(abs: string, hops = 0): Promise<string> {
  try {
    return await realpath(abs);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = dirname(abs);
  if (parent === abs) return abs;
  const realParent = await realLocation(parent, hops);
  const here = join(realParent, basename(abs));
  let isLink = false;
  try {
    isLink = (await lstat(here)).isSymbolicLink();
  } catch {
    // Missing (or under a file): nothing to follow.
  }
  if (!isLink) return here;
  // A dangling symlink: creating through it would create its target, wherever that is.
  if (hops >= SYMLINK_HOPS_MAX) throw Object.assign(new Error(`too many levels of symbolic links at ${abs}`), { code: 'ELOOP' });
  return realLocation(resolve(realParent, await readlink(here)), hops + 1);
}

/** Whether the absolute path `abs` is `root` or inside it (both already real paths). */
export function isInside(abs: string, root: string): boolean {
  if (abs === root) return true;
  return abs.startsWith(root.endsWith(sep) ? root : root + sep);
}
