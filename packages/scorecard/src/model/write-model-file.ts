import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a model file so that the target holds either what it held before or all of `text`,
 * never a truncated model that a later load would reject: the text goes to a temporary file in
 * the same directory (so on the same file system, where a rename is atomic), is flushed to disk,
 * and is renamed over the target. On any failure the temporary file is removed and the target
 * is left alone.
 */
export function writeModelFile(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    try {
      const data = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
      // without it, a power cut after the rename could leave the new name on an empty file
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable where a directory can be opened and synced (not on Windows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // the model is written either way; only its durability across a power cut is at stake
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
