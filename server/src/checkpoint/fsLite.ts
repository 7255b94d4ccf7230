/**
 * The few promise-returning file calls the checkpoint summary needs, over Node's callback fs (loaded at every start
 * anyway). `node:fs/promises` would load its own module graph (directories, watchers, readline), a few ms of every
 * `gem5-ckpt inspect` or `read`. `open` gives the subset of a FileHandle those callers use, under the same names.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const stat = promisify(fs.stat);
export const realpath = promisify(fs.realpath);

const openFd = promisify(fs.open);
const readFd = promisify(fs.read);
const fstatFd = promisify(fs.fstat);
const closeFd = promisify(fs.close);

export interface LiteFileHandle {
  readonly fd: number;
  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  stat(): Promise<fs.Stats>;
  close(): Promise<void>;
}

export async function open(path: string, flags: 'r'): Promise<LiteFileHandle> {
  const fd = await openFd(path, flags);
  return {
    fd,
    read: async (buffer, offset, length, position) => ({ bytesRead: (await readFd(fd, buffer, offset, length, position)).bytesRead }),
    stat: () => fstatFd(fd),
    close: () => closeFd(fd),
  };
}
