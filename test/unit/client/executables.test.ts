import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processFor, type ExecutableSettings, type SimTaskDefinition } from '../../../client/src/tasks/commandLine';
import { executablesOf, findExecutable, missingExecutable, missingMessage } from '../../../client/src/tasks/executables';

describe('launch check: executables a run starts', () => {
  let dir: string;
  const settings = (over: Partial<ExecutableSettings> = {}): ExecutableSettings => ({
    gem5Path: '', sstPath: 'sst', mpirunPath: 'mpirun', srunPath: 'srun', gem5ExtraArgs: [], sstExtraArgs: [], defaultRanks: 1, ...over,
  });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'exe-'));
    mkdirSync(join(dir, 'bin'));
    for (const name of ['sst', 'mpirun']) {
      writeFileSync(join(dir, 'bin', name), '#!/bin/sh\n');
      chmodSync(join(dir, 'bin', name), 0o755);
    }
    writeFileSync(join(dir, 'bin', 'srun'), 'not executable');
    mkdirSync(join(dir, 'ws', 'build'), { recursive: true });
    writeFileSync(join(dir, 'ws', 'build', 'gem5.opt'), '#!/bin/sh\n');
    chmodSync(join(dir, 'ws', 'build', 'gem5.opt'), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a bare name on PATH, a relative path against the run directory, and refuses a non-executable file', () => {
    const env = { PATH: join(dir, 'bin') };
    assert.equal(findExecutable('sst', env), join(dir, 'bin', 'sst'));
    assert.equal(findExecutable('srun', env), null, 'present but not executable');
    assert.equal(findExecutable('gem5', env), null);
    assert.equal(findExecutable('build/gem5.opt', env, join(dir, 'ws')), join(dir, 'ws', 'build', 'gem5.opt'));
    assert.equal(findExecutable('build/gem5.opt', env, dir), null);
    assert.equal(findExecutable('', env), null);
  });

  it('a multi-rank SST restore needs the launcher and sst; the first missing one is named with its setting', () => {
    const def: SimTaskDefinition = { type: 'sst', script: 'restore.py', ranks: 3, launcher: 'srun' };
    const s = settings();
    const uses = executablesOf(def, processFor(def, '/ws', s, 'x'), '/ws', s);
    assert.deepEqual(uses.map((u) => [u.tool, u.command, u.setting]), [['srun', 'srun', 'gem5sst.srun.path'], ['sst', 'sst', 'gem5sst.sst.path']]);
    const missing = missingExecutable(uses, '/ws', { PATH: join(dir, 'bin') });
    assert.equal(missing?.tool, 'srun');
    assert.match(missingMessage(missing!), /the srun executable "srun" \(setting gem5sst\.srun\.path\) is not on PATH/);
    const serial: SimTaskDefinition = { type: 'sst', script: 'restore.py', ranks: 1 };
    assert.deepEqual(executablesOf(serial, processFor(serial, '/ws', s, 'x'), '/ws', s).map((u) => u.tool), ['sst']);
    assert.equal(missingExecutable(executablesOf(serial, processFor(serial, '/ws', s, 'x'), '/ws', s), '/ws', { PATH: join(dir, 'bin') }), null);
  });

  it('says when the name comes from the task itself rather than the setting', () => {
    const def: SimTaskDefinition = { type: 'gem5', script: 'a.py', gem5: '${workspaceFolder}/build/missing.opt' };
    const s = settings();
    const uses = executablesOf(def, processFor(def, '/ws', s, 'x'), '/ws', s);
    assert.deepEqual(uses.map((u) => [u.tool, u.command, u.fromTask]), [['gem5', '/ws/build/missing.opt', true]]);
    assert.match(missingMessage(uses[0]), /the gem5 executable "\/ws\/build\/missing\.opt" \(the task's "gem5" field in tasks\.json\) does not exist/);
  });
});
