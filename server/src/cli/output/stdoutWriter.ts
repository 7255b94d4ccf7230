/**
 * Standard output for the CLI without `process.stdout`: that getter builds a stream object (and loads Node's whole
 * stream stack, a few ms of every start-up) only to write a result once. Writes go straight to fd 1, synchronously,
 * as a C tool's do. A descriptor that is non-blocking (EAGAIN: shared with a parent that set O_NONBLOCK) falls back
 * to `process.stdout` for the rest of the output, keeping the order.
 */
import { writeSync } from 'node:fs';

/** What a C tool's shell status is when the reader of its output went away (128 + SIGPIPE), as `gzip -dc | head`. */
export const EXIT_BROKEN_PIPE = 141;

export interface StdoutWriter {
  write(text: string | Buffer): void;
}

/**
 * `onBrokenPipe` runs when the reader closed the pipe (`gem5-ckpt verify DIR | head -1`): the caller stops quietly
 * instead of printing an EPIPE stack trace. `fd` and `write` are parameters so tests can drive the error paths.
 */
export function createStdoutWriter(onBrokenPipe: () => void, fd = 1, write: typeof writeSync = writeSync): StdoutWriter {
  let stream: NodeJS.WriteStream | null = null;
  const viaStream = (data: Buffer) => {
    if (!stream) {
      stream = process.stdout;
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        onBrokenPipe();
      });
    }
    stream.write(data);
  };
  return {
    write(text) {
      const data = typeof text === 'string' ? Buffer.from(text) : text;
      if (stream) return viaStream(data);
      let done = 0;
      while (done < data.length) {
        try {
          done += write(fd, data, done, data.length - done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return onBrokenPipe();
          if (code === 'EAGAIN') return viaStream(data.subarray(done));
          throw e;
        }
      }
    },
  };
}
