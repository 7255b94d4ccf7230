import assert from 'node:assert/strict';
import { createStdoutWriter } from '../../../server/src/cli/output/stdoutWriter';

type WriteFn = (fd: number, data: Buffer, offset: number, length: number) => number;
const errno = (code: string) => Object.assign(new Error(code), { code });

/** A writer over a fake writeSync (fd 99), counting broken-pipe reports. */
function fakeWriter(write: WriteFn) {
  let broken = 0;
  const writer = createStdoutWriter(() => broken++, 99, write as never);
  return { writer, broken: () => broken };
}

describe('gem5-ckpt standard output (straight to fd 1)', () => {
  it('writes every byte, in order, across partial writes', () => {
    const got: Buffer[] = [];
    const { writer } = fakeWriter((fd, data, offset, length) => {
      assert.equal(fd, 99);
      const n = Math.min(length, 3); // a pipe taking 3 bytes at a time
      got.push(Buffer.from(data.subarray(offset, offset + n)));
      return n;
    });
    writer.write('hello ');
    writer.write(Buffer.from('world\n'));
    assert.equal(Buffer.concat(got).toString(), 'hello world\n');
  });

  it('reports a reader that went away (EPIPE) once, through the callback, instead of throwing', () => {
    const { writer, broken } = fakeWriter(() => { throw errno('EPIPE'); });
    assert.doesNotThrow(() => writer.write('x'));
    assert.equal(broken(), 1);
  });

  it('falls back to process.stdout for the rest of the output when fd 1 is non-blocking (EAGAIN)', () => {
    const calls: string[] = [];
    const { writer } = fakeWriter((_fd, data, offset, length) => {
      if (calls.length) throw errno('EAGAIN');
      calls.push(data.subarray(offset, offset + 2).toString());
      return Math.min(2, length);
    });
    const original = process.stdout.write;
    const streamed: string[] = [];
    process.stdout.write = ((chunk: Buffer) => { streamed.push(chunk.toString()); return true; }) as typeof process.stdout.write;
    try {
      writer.write('abcdef');
      writer.write('gh');
    } finally {
      process.stdout.write = original;
    }
    assert.deepEqual(calls, ['ab'], 'the first bytes went to the descriptor');
    assert.deepEqual(streamed, ['cdef', 'gh'], 'the rest, and every later write, through the stream in order');
  });

  it('lets any other write error through (a full disk is not a broken pipe)', () => {
    const { writer, broken } = fakeWriter(() => { throw errno('ENOSPC'); });
    assert.throws(() => writer.write('x'), /ENOSPC/);
    assert.equal(broken(), 0);
  });
});
