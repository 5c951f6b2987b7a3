// Writes a report file atomically: piece by piece into a temporary file in the same folder, then
// renamed over the target, so CI never reads half a file and a report of any size is never one
// string. Small pieces are gathered into writes of at least WRITE_CHARS_MIN characters.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const WRITE_CHARS_MIN = 64 * 1024;

/** Writes `pieces` to `file` (absolute), creating its folder; throws an Error naming `writer`,
 * the file and the fix. */
export function writeFileAtomically(file: string, pieces: Iterable<string>, writer: string): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, 'w');
    try {
      let pending: string[] = [];
      let pendingChars = 0;
      for (const piece of pieces) {
        pending.push(piece);
        pendingChars += piece.length;
        if (pendingChars >= WRITE_CHARS_MIN) {
          writeSync(fd, pending.join(''));
          pending = [];
          pendingChars = 0;
        }
      }
      if (pending.length > 0) writeSync(fd, pending.join(''));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself is unusable: there is no temp file to remove.
    }
    throw new Error(`${writer}: could not write ${file} (${(error as Error).message}). Check that the folder of --output-file is writable, or pass another path.`);
  }
}
