/**
 * The few promise-returning file calls the checkpoint summary needs, over Node's callback fs (loaded at every start
 * anyway). `node:fs/promises` would load its own module graph (directories, watchers, readline), a few ms of every
 * `gem5-ckpt inspect` or `read`. `open` gives the subset of a FileHandle those callers use, under the same names.
 *
 * A one-shot command (the CLI's `read`, `inspect`) waits on nothing but these calls, so it turns on synchronous
 * calls (useSyncFileCalls): the same promises, settled by the sync syscall instead of a trip through libuv's thread
 * pool. On a busy machine each trip costs a thread wake-up and a switch back (0.3–1 ms under load, ~40 per read),
 * more than the read itself. Long-running hosts (server, extension) keep the thread pool: they must not block.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';

let syncCalls = false;

/** Settle the promises of this module with synchronous syscalls (see above). For one-shot processes only. */
export function useSyncFileCalls(on = true): void {
  syncCalls = on;
}

/** `call()`'s value or error as a promise, as the async call would settle (errors carry the same code and text). */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (e) {
    return Promise.reject(e);
  }
}

const statAsync = promisify(fs.stat);
const realpathAsync = promisify(fs.realpath);
const openFd = promisify(fs.open);
const readFd = promisify(fs.read);
const fstatFd = promisify(fs.fstat);
const closeFd = promisify(fs.close);

export const stat = (path: string): Promise<fs.Stats> => (syncCalls ? settled(() => fs.statSync(path)) : statAsync(path));
export const realpath = (path: string): Promise<string> => (syncCalls ? settled(() => fs.realpathSync(path)) : realpathAsync(path));

export interface LiteFileHandle {
  readonly fd: number;
  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  stat(): Promise<fs.Stats>;
  close(): Promise<void>;
}

export async function open(path: string, flags: 'r'): Promise<LiteFileHandle> {
  if (syncCalls) {
    const fd = fs.openSync(path, flags);
    return {
      fd,
      read: (buffer, offset, length, position) => settled(() => ({ bytesRead: fs.readSync(fd, buffer, offset, length, position) })),
      stat: () => settled(() => fs.fstatSync(fd)),
      close: () => settled(() => fs.closeSync(fd)),
    };
  }
  const fd = await openFd(path, flags);
  return {
    fd,
    read: async (buffer, offset, length, position) => ({ bytesRead: (await readFd(fd, buffer, offset, length, position)).bytesRead }),
    stat: () => fstatFd(fd),
    close: () => closeFd(fd),
  };
}
