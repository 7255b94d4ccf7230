/**
 * The rules read argument sites from the argparse emulation (rules/runArgs.ts): real runs resolved by the engine
 * from a gem5 task, so the sites are the task's own `args` elements.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { argSite, replaceValueText, runLabel } from '../../../server/src/rules/runArgs';
import type { ResolvedRun } from '../../../server/src/workspace/types';

const GEM5 = `import argparse
import m5
parser = argparse.ArgumentParser()
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing", "o3", "kvm"], default="atomic")
parser.add_argument("--remote-memory-latency", type=int, required=True)
parser.add_argument("--remote-memory-latency-scale", type=float, default=1.0)
parser.add_argument("-r", "--remote-memory-addr-range", type=str, required=True)
parser.add_argument("--ckpt-dir", type=str, default="")
args = parser.parse_args()
m5.instantiate(args.ckpt_dir)
`;

describe('argument sites come from the argparse emulation', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runargs-'));
    await writeFile(join(root, 'gem5.py'), GEM5);
    await mkdir(join(root, '.vscode'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function runWith(args: string[]): Promise<ResolvedRun> {
    await writeFile(join(root, '.vscode', 'tasks.json'), JSON.stringify({ version: '2.0.0', tasks: [{ type: 'gem5', action: 'restore', script: 'gem5.py', args }] }));
    const runs = await createWorkspaceEngine([root]).runsFor(join(root, '.vscode', 'tasks.json'));
    assert.equal(runs.length, 1);
    return runs[0];
  }
  const site = (run: ResolvedRun, dest: string) => {
    const s = argSite(run, dest);
    return s && { flag: run.argv.indexOf(s.flagArg), value: run.argv.indexOf(s.valueArg), text: s.value };
  };

  it('names a gem5 task by its label in messages, and one without a label as "the gem5 task"', async () => {
    const run = await runWith(['--remote-memory-latency=1', '-r', '1,2']);
    assert.equal(runLabel(run), 'the gem5 task');
    assert.equal(runLabel({ ...run, taskLabel: 'restore (KVM)' }), 'the gem5 task "restore (KVM)"');
    assert.equal(runLabel({ ...run, kind: 'sst-node', node: 2 }), 'node 2');
  });

  it('finds --opt=value and --opt value', async () => {
    const run = await runWith(['--cpu-type=o3', '--remote-memory-latency', '750', '-r1,2']);
    assert.deepEqual(site(run, 'cpu_type'), { flag: 0, value: 0, text: 'o3' });
    assert.deepEqual(site(run, 'remote_memory_latency'), { flag: 1, value: 2, text: '750' });
  });

  it('an exact option that prefixes another is that option; an ambiguous prefix has no site', async () => {
    const exact = await runWith(['--remote-memory-latency=750', '-r1,2']);
    assert.deepEqual(site(exact, 'remote_memory_latency'), { flag: 0, value: 0, text: '750' });
    assert.equal(argSite(exact, 'remote_memory_latency_scale'), null);
    const ambiguous = await runWith(['--remote-memory-lat=750', '-r1,2']);
    assert.equal(argSite(ambiguous, 'remote_memory_latency'), null);
  });

  it('a short option with an attached value is found, and a fix keeps the flag in front of the new value', async () => {
    const run = await runWith(['--remote-memory-latency=750', '-r0x100000000,0x140000000']);
    const s = argSite(run, 'remote_memory_addr_range')!;
    assert.equal(s.value, '0x100000000,0x140000000');
    assert.equal(replaceValueText(s, '4294967296,5368709120'), '-r4294967296,5368709120');
  });

  it('a fix on --opt=value keeps the option name as written (prefix included); on --opt value it is the value alone', async () => {
    const run = await runWith(['--cpu=atomic', '--ckpt-dir', 'a', '--remote-memory-latency=750', '-r1,2']);
    assert.equal(replaceValueText(argSite(run, 'cpu_type')!, 'timing'), '--cpu=timing');
    assert.equal(replaceValueText(argSite(run, 'ckpt_dir')!, 'b'), 'b');
  });

  it('an option left without a value does not take the next option as its value; the last occurrence wins', async () => {
    const missing = await runWith(['--ckpt-dir', '--cpu-type=o3', '--remote-memory-latency=750', '-r1,2']);
    assert.equal(argSite(missing, 'ckpt_dir'), null);
    const twice = await runWith(['--ckpt-dir=a', '--remote-memory-latency=750', '-r1,2', '--ckpt-dir=b']);
    assert.deepEqual(site(twice, 'ckpt_dir'), { flag: 3, value: 3, text: 'b' });
  });
});
