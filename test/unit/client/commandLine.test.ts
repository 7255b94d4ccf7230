import assert from 'node:assert/strict';
import { gem5Process, sstProcess, validateDefinition, type ExecutableSettings } from '../../../client/src/tasks/commandLine';

const settings: ExecutableSettings = {
  gem5Path: '/opt/gem5/build/ARM/gem5.opt', sstPath: '/opt/sst/bin/sst', mpirunPath: 'mpirun', srunPath: 'srun',
  gem5ExtraArgs: [], sstExtraArgs: [], defaultRanks: 1,
};

describe('take/restore process construction (argument arrays, no shell)', () => {
  it('builds gem5 with its options, the script and the script options, in the task cwd, with ${workspaceFolder} expanded', () => {
    const p = gem5Process({ type: 'gem5', action: 'take', script: 'configs/a.py', args: ['--cpu-type=atomic'], gem5Args: ['--outdir=m5out/take_0'], cwd: '${workspaceFolder}/run' }, '/ws', settings, '20261124_000000');
    assert.deepEqual(p, { command: '/opt/gem5/build/ARM/gem5.opt', args: ['--outdir=m5out/take_0', 'configs/a.py', '--cpu-type=atomic'], cwd: '/ws/run' });
  });

  it('adds a per-run --outdir when the task gives none, so runs never overwrite each other', () => {
    const p = gem5Process({ type: 'gem5', action: 'take', script: 'a.py' }, '/ws', settings, '20261124_101500');
    assert.deepEqual(p.args, ['--outdir=m5out/take_20261124_101500', 'a.py']);
    const d = gem5Process({ type: 'gem5', script: 'a.py', gem5Args: ['-d', 'out'] }, '/ws', settings, 'x');
    assert.deepEqual(d.args, ['-d', 'out', 'a.py']);
  });

  it('passes arguments with spaces, quotes, ; and $() through verbatim', () => {
    const hostile = ['--cmd=echo "a b"; rm -rf /', '$(reboot)', "it's"];
    const p = gem5Process({ type: 'gem5', script: 'my script.py', args: hostile, gem5Args: ['--outdir=o'] }, '/ws', settings, 'x');
    assert.deepEqual(p.args, ['--outdir=o', 'my script.py', ...hostile]);
  });

  it('runs sst serially for one rank, under mpirun -np N --, or srun -n N', () => {
    assert.deepEqual(sstProcess({ type: 'sst', script: 'restore.py', cwd: 'sst' }, '/ws', settings),
      { command: '/opt/sst/bin/sst', args: ['restore.py'], cwd: '/ws/sst' });
    assert.deepEqual(sstProcess({ type: 'sst', script: 'restore.py', ranks: 3, sstArgs: ['--partitioner=sst.self'] }, '/ws', settings).args,
      ['-np', '3', '--', '/opt/sst/bin/sst', '--partitioner=sst.self', 'restore.py']);
    const s = sstProcess({ type: 'sst', script: 'restore.py', ranks: 2, launcher: 'srun' }, '/ws', settings);
    assert.deepEqual([s.command, ...s.args], ['srun', '-n', '2', '/opt/sst/bin/sst', 'restore.py']);
  });

  it('rejects malformed task definitions with a message', () => {
    assert.equal(validateDefinition({ type: 'gem5', script: 'a.py' }), null);
    assert.match(validateDefinition({ type: 'gem5' }) ?? '', /script/);
    assert.match(validateDefinition({ type: 'sst', script: 'a.py', ranks: 0 }) ?? '', /ranks/);
    assert.match(validateDefinition({ type: 'gem5', script: 'a.py', args: 'not an array' }) ?? '', /args/);
    assert.match(validateDefinition(null) ?? '', /not an object/);
  });
});
