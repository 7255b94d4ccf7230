// An SST option is read from SST's part of the task's command line: what follows `--` is the script's sys.argv.
import assert from 'node:assert/strict';
import { sstOption } from '../../../server/src/rules/sstOptions';
import { splitSstArgs, type SstTask } from '../../../server/src/workspace/tasks';

const span = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const task = (...args: string[]): SstTask => ({
  type: 'sst', label: null, file: '/w/.vscode/tasks.json', span, cwd: '/w', script: null, scriptPath: '/w/s.py',
  action: null, sst: 'sst', ranks: null, launcher: null, sstArgs: args.map((value) => ({ value, span })),
});

describe('SST options and model options of an sst task', () => {
  it('takes the last SST option before --, never a model option after it', () => {
    assert.equal(sstOption(undefined, task('--timebase=1ps', '--timebase', '2ps', '--', '--timebase=9ps'), 'timebase').value, '2ps');
    assert.equal(sstOption(undefined, task('--', '--partitioner=sst.self'), 'partitioner').from, 'default');
  });

  it('splits at the first --: SST options before, the script\'s argv after, null without --', () => {
    const s = splitSstArgs(task('-n', '2', '--', '--nodes=1', '--', 'x'));
    assert.deepEqual(s.sst.map((a) => a.value), ['-n', '2']);
    assert.deepEqual(s.model?.map((a) => a.value), ['--nodes=1', '--', 'x']);
    assert.equal(splitSstArgs(task('-n', '2')).model, null);
  });
});
