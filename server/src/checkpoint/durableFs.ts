/**
 * File operations that survive a crash: data and directory entries are fsynced, and a copy never overwrites
 * anything (exclusive create). Used by the remote-image replacement, which must never lose a user's store.
 */
import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** fsync of a directory makes renames, links and unlinks inside it durable (POSIX needs this separately). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    // Some file systems (and Windows) refuse fsync on a directory: the rename is still atomic, only less durable.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Copies `src` to `dst` (which must not exist), streaming, then fsyncs the data. Calls `onProgress` with bytes copied.
 * On failure the partial `dst` is removed.
 */
export async function copyExclusive(src: string, dst: string, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<number> {
  const out = await open(dst, 'wx');
  let copied = 0;
  try {
    const input = createReadStream(src, { highWaterMark: 1024 * 1024, signal });
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let off = 0;
      while (off < chunk.length) {
        const { bytesWritten } = await out.write(chunk, off, chunk.length - off, copied + off);
        off += bytesWritten;
      }
      copied += chunk.length;
      onProgress?.(copied);
    }
    await out.sync();
  } catch (e) {
    await out.close().catch(() => undefined);
    await unlink(dst).catch(() => undefined);
    throw e;
  }
  await out.close();
  return copied;
}

/** Writes a small file atomically: temp name, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const fh = await open(temp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(temp, path);
  await fsyncDir(dirname(path));
}

export async function unlinkIfExists(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
