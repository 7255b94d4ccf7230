/** GS402/GS401/GS403 on the prefix+instance family (`ckpt_file + str(instance)`), relative to SST's working directory. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

const GEM5 = `import argparse, os
import m5
from memories.external_remote_memory import ExternalRemoteMemory
parser = argparse.ArgumentParser()
parser.add_argument("--instance", type=int, required=True)
parser.add_argument("--ckpt-file", type=str, default="")
parser.add_argument("--take-ckpt", type=str, required=True)
args = parser.parse_args()
ckpt = args.ckpt_file + str(args.instance) if args.ckpt_file != "" else ""
if args.take_ckpt == "True":
    m5.instantiate()
    m5.checkpoint(os.path.join(os.getcwd(), ckpt))
else:
    m5.instantiate(ckpt)
`;
const sst = (args: string) => `import sst
g = sst.Component("gem5_node_0", "gem5.gem5Component")
g.addParams({"frequency": "3GHz", "cmd": "../configs/numa.py ${args}", "ports": "port"})
b = g.setSubComponent("port", "gem5.gem5Bridge", 0)
`;

describe('checkpoint path rules on prefix + instance scripts', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'instance-'));
    await mkdir(join(root, 'configs'));
    await mkdir(join(root, 'sst'));
    await writeFile(join(root, 'configs', 'numa.py'), GEM5);
    // The take ran with --ckpt-file=test-to-restore --instance=0 from sst/: the checkpoint is sst/test-to-restore0.
    await writeCheckpoint(join(root, 'sst', 'take'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    await mkdir(join(root, 'sst', 'test-to-restore0'));
    await writeFile(join(root, 'sst', 'test-to-restore0', 'm5.cpt'), '## checkpoint generated: x\n[root]\nFullSystem=true\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function codes(args: string) {
    await writeFile(join(root, 'sst', 'restore.py'), sst(args));
    const all = [...(await createWorkspaceEngine([root]).findingsAll()).values()].flat();
    return all.filter((f) => f.code.startsWith('GS40')).map((f) => [f.code, f.message] as const);
  }

  it('the right instance finds the checkpoint (no GS40x)', async () => {
    assert.deepEqual(await codes('--take-ckpt False --ckpt-file test-to-restore --instance 0'), []);
  });

  it('another instance: GS402 names the directory that exists', async () => {
    const found = await codes('--take-ckpt False --ckpt-file test-to-restore --instance 1');
    assert.equal(found.length, 1);
    assert.equal(found[0][0], 'GS402');
    assert.match(found[0][1], /test-to-restore1, which does not exist, but test-to-restore0 does/);
  });

  it('no such directory at all: GS401', async () => {
    const found = await codes('--take-ckpt False --ckpt-file elsewhere/ckpt --instance 0');
    assert.deepEqual(found.map((f) => f[0]), ['GS401']);
  });

  it('restore without --ckpt-file: GS403, the silent cold boot', async () => {
    const found = await codes('--take-ckpt False --instance 0');
    assert.deepEqual(found.map((f) => f[0]), ['GS403']);
  });
});
