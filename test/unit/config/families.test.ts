/**
 * The shapes of the real script families (domain-spec §3): a checkpoint path built from a prefix and the instance,
 * unified take/restore scripts with --chpt-dir, the stdlib Simulator and set_kernel_disk_workload restore paths,
 * and very long files that lezer must not flag falsely.
 */
import assert from 'node:assert/strict';
import { analyzeScript, emulateArgparse, guardsHold, type Gem5ScriptModel } from '../../../server/src/config';
import { gem5Script } from '../../support/generateScripts';

const args = (m: Gem5ScriptModel, argv: string[]) => emulateArgparse(m.options, argv).values;

describe('gem5 script families', () => {
  it('ckpt_file + str(instance): the path is the prefix with the instance appended, no separator', () => {
    const m = analyzeScript('a.py', `import argparse, os
import m5
parser = argparse.ArgumentParser()
parser.add_argument("--instance", type=int, required=True)
parser.add_argument("--ckpt-file", type=str, default="")
parser.add_argument("--take-ckpt", type=str, default="False")
args = parser.parse_args()
ckpt = args.ckpt_file + str(args.instance) if args.ckpt_file != "" else ""
if args.take_ckpt == "True":
    m5.instantiate()
    m5.simulate()
    if ckpt != "":
        m5.checkpoint(os.path.join(os.getcwd(), ckpt))
else:
    m5.instantiate(ckpt)
`) as Gem5ScriptModel;
    const restore = m.checkpointUses.find((u) => u.kind === 'restore' && u.path)!;
    const a = args(m, ['--instance=1', '--ckpt-file=test-to-restore']);
    assert.deepEqual(restore.path!.evaluate(a), { kind: 'str', value: 'test-to-restore1' });
    assert.deepEqual(restore.path!.evaluate(args(m, ['--instance=0'])), { kind: 'str', value: '' }, 'no prefix: empty path (silent cold boot)');
    assert.equal(guardsHold(restore.guards, restore.guardPolarity, a), true);
  });

  it('unified script: --chpt-dir with Simulator(checkpoint_path=) for gem5-only and m5.instantiate for composable', () => {
    const m = analyzeScript('u.py', `import argparse
import m5
from gem5.simulate.simulator import Simulator
parser = argparse.ArgumentParser()
parser.add_argument("--chpt-dir", type=str, default="")
parser.add_argument("--take-chpt", type=str)
parser.add_argument("--is-composable", type=str)
args = parser.parse_args()
if args.take_chpt == "True":
    simulator = Simulator(board=board)
    simulator.run()
    simulator.save_checkpoint(m5.options.outdir + "/checkpoint")
else:
    assert args.chpt_dir != ""
    if args.is_composable == "False":
        simulator = Simulator(board=board, checkpoint_path=args.chpt_dir)
        simulator.run()
    else:
        m5.instantiate(args.chpt_dir)
`) as Gem5ScriptModel;
    const apis = m.checkpointUses.map((u) => `${u.kind}:${u.api}`).sort();
    assert.deepEqual(apis, ['restore:Simulator(checkpoint_path)', 'restore:m5.instantiate', 'take:save_checkpoint']);
    const a = args(m, ['--take-chpt=False', '--is-composable=True', '--chpt-dir=/ckpts/checkpoint']);
    const active = m.checkpointUses.filter((u) => guardsHold(u.guards, u.guardPolarity, a) === true);
    assert.deepEqual(active.map((u) => u.api), ['m5.instantiate']);
    assert.deepEqual(active[0].path!.evaluate(a), { kind: 'str', value: '/ckpts/checkpoint' });
  });

  it('set_kernel_disk_workload(checkpoint=…) inside CustomWorkload parameters is a restore', () => {
    const m = analyzeScript('w.py', `import m5
from gem5.resources.workload import CustomWorkload
from pathlib import Path
board.set_workload(CustomWorkload(function="set_kernel_disk_workload", parameters={"kernel": k, "disk_image": d, "checkpoint": Path("ckpt/checkpoint")}))
`) as Gem5ScriptModel;
    const u = m.checkpointUses.find((x) => x.kind === 'restore');
    assert.equal(u?.api, 'set_kernel_disk_workload(checkpoint)');
  });

  it('a 30,000-line valid script reports no syntax error (lezer false errors are confirmed before reporting)', () => {
    const m = analyzeScript('long.py', gem5Script(30000));
    assert.deepEqual(m.syntaxErrors, []);
  });
});
