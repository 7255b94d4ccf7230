import assert from 'node:assert/strict';
import { agreedRun, parallelLoadOf, threadsOf } from '../../../server/src/workspace/sstModelOptions';
import type { SstTask } from '../../../server/src/workspace/tasks';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function task(script: string, sstArgs: string[], ranks: number | null = null): SstTask {
  return {
    type: 'sst', label: null, file: '/w/.vscode/tasks.json', span: at, cwd: '/w', script: { value: script, span: at },
    scriptPath: script, action: 'restore', sst: 'sst', ranks, sstArgs: sstArgs.map((value) => ({ value, span: at })), launcher: null,
  };
}

describe('the run an sst task gives its script (workspace/sstModelOptions.ts)', () => {
  it('reads SST\'s thread count as getopt_long does: -n N, -nN, --num-threads[=]N, the last one winning', () => {
    assert.equal(threadsOf([]), 1);
    assert.equal(threadsOf(['-n', '4']), 4);
    assert.equal(threadsOf(['-n8']), 8);
    assert.equal(threadsOf(['--num-threads=2', '--num-threads', '3']), 3);
    assert.equal(threadsOf(['--num-threads=two']), null);
    assert.equal(threadsOf(['-n']), null, 'a flag without its value');
    assert.equal(threadsOf(['-n', '0']), null);
  });

  it('knows parallel load from --parallel-load (bare: SINGLE) and =NONE (the serial default)', () => {
    assert.equal(parallelLoadOf([]), false);
    assert.equal(parallelLoadOf(['--parallel-load']), true);
    assert.equal(parallelLoadOf(['--parallel-load=MULTI']), true);
    assert.equal(parallelLoadOf(['--parallel-load', '--parallel-load=none']), false);
  });

  it('gives the model options after --, the ranks (1 without), and only what every task running the script agrees on', () => {
    assert.deepEqual(agreedRun([task('/w/s.py', ['-n', '2', '--', '--nodes=4'], 4)], '/w/s.py'),
      { options: ['--nodes=4'], run: { ranks: 4, threads: 2, parallelLoad: false }, cwd: '/w' });
    assert.deepEqual(agreedRun([task('/w/s.py', [])], '/w/s.py'), { options: null, run: { ranks: 1, threads: 1, parallelLoad: false }, cwd: '/w' });
    // The thread count after `--` is the script's option, not SST's.
    assert.deepEqual(agreedRun([task('/w/s.py', ['--', '-n', '3'])], '/w/s.py')?.run.threads, 1);
    assert.equal(agreedRun([task('/w/other.py', [])], '/w/s.py'), null);
    assert.equal(agreedRun([task('/w/s.py', [], 2), task('/w/s.py', [], 4)], '/w/s.py'), null);
    assert.ok(agreedRun([task('/w/s.py', [], 2), task('/w/other.py', [], 4), task('/w/s.py', [], 2)], '/w/s.py'));
  });
});
