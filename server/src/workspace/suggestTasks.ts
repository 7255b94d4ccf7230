/**
 * Ready-made take/restore tasks derived from what the workspace already says: each SST node's `cmd` gives the
 * restore values of a gem5 script, from which the matching take (atomic or KVM, gem5 alone), the gem5-only restore
 * and the SST restores (serial, mpirun, srun) follow.
 */
import { relative } from 'node:path';
import type { SstScriptModel } from '../config/types';
import type { SuggestedTask } from '../protocol/lsp';
import type { ResolvedRun } from './types';

/** Replaces (or adds) `--flag=value` in an argv, matching `--flag=…` and `--flag …` forms. */
export function withArg(argv: readonly string[], flag: string, value: string | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === flag) {
      i++;
      continue;
    }
    if (a.startsWith(flag + '=')) continue;
    out.push(a);
  }
  if (value !== null) out.push(`${flag}=${value}`);
  return out;
}

function flagFor(run: ResolvedRun, dest: string): string | null {
  const o = run.gem5Model?.options.find((x) => x.dest === dest);
  return o ? o.flags.find((f) => f.startsWith('--')) ?? null : null;
}

/**
 * SST ranks the script needs for one gem5 per rank (libgem5 allows one instance per process, R37). One gem5 node runs
 * serially (1 rank). With setRank'ed components: one rank per placed rank, under `--partitioner=sst.self`. Otherwise
 * SST's default `sst.linear` partitioner lays out the N + 2 components (bus, memory, N gem5) by creation order, which
 * keeps every gem5 node alone on its rank from N + 1 ranks on.
 */
export function ranksNeeded(model: SstScriptModel): { ranks: number; selfPartitioned: boolean } {
  const nodes = model.components.filter((c) => c.type === 'gem5.gem5Component').length;
  if (nodes <= 1) return { ranks: 1, selfPartitioned: false };
  const set = model.components.filter((c) => c.rank);
  if (set.length) return { ranks: Math.max(...set.map((c) => c.rank!.rank)) + 1, selfPartitioned: true };
  return { ranks: nodes + 1, selfPartitioned: false };
}

export function suggestTasks(folder: string, runs: readonly ResolvedRun[], sstModels: ReadonlyMap<string, SstScriptModel>): SuggestedTask[] {
  const tasks: SuggestedTask[] = [];
  const rel = (p: string) => relative(folder, p) || '.';
  const seenScripts = new Set<string>();
  for (const run of runs) {
    if (run.kind !== 'sst-node' || !run.gem5Script || !run.gem5Model || seenScripts.has(run.gem5Script)) continue;
    seenScripts.add(run.gem5Script);
    const cpu = flagFor(run, 'cpu_type');
    const takeFlag = ['take_ckpt', 'take_chpt'].map((d) => flagFor(run, d)).find(Boolean) ?? null;
    const ckptFlag = ['ckpt_dir', 'chpt_dir', 'ckpt_file', 'ckpts_dir'].map((d) => flagFor(run, d)).find(Boolean) ?? null;
    let takeArgs = run.argv.map((a) => a.text);
    if (ckptFlag) takeArgs = withArg(takeArgs, ckptFlag, null);
    if (takeFlag) takeArgs = withArg(takeArgs, takeFlag, 'True');
    const script = rel(run.gem5Script);
    for (const [kind, value] of [['atomic', 'atomic'], ['KVM', 'kvm']] as const) {
      if (!cpu && kind === 'KVM') continue;
      const allowed = run.gem5Model.options.find((o) => o.dest === 'cpu_type')?.choices;
      if (allowed && !allowed.some((c) => c.kind === 'str' && c.value === value)) continue;
      tasks.push({
        label: `take checkpoint with ${kind}: ${script}`,
        detail: `gem5 alone, ${kind} CPU, checkpoint in m5out/take_${value}`,
        definition: { type: 'gem5', action: 'take', script, cwd: folder, gem5Args: [`--outdir=m5out/take_${value}`],
          args: cpu ? withArg(takeArgs, cpu, value) : takeArgs },
      });
    }
    let restoreArgs = run.argv.map((a) => a.text);
    if (takeFlag) restoreArgs = withArg(restoreArgs, takeFlag, 'False');
    if (ckptFlag && run.checkpointDir) restoreArgs = withArg(restoreArgs, ckptFlag, rel(run.checkpointDir));
    tasks.push({
      label: `restore checkpoint (gem5 only): ${script}`,
      detail: 'gem5 alone, no SST',
      definition: { type: 'gem5', action: 'restore', script, cwd: folder, gem5Args: ['--outdir=m5out/restore_gem5'], args: restoreArgs },
    });
  }
  for (const [path, model] of sstModels) {
    if (!model.gem5Cmds.length) continue;
    const script = rel(path);
    const cwd = runs.find((r) => r.definedIn === path)?.workingDirectory ?? folder;
    const base = { type: 'sst', action: 'restore', script: relative(cwd, path), cwd };
    tasks.push({ label: `restore in SST (single rank): ${script}`, detail: 'sst, serial', definition: { ...base, ranks: 1 } });
    const need = ranksNeeded(model);
    const sstArgs = need.selfPartitioned ? ['--partitioner=sst.self'] : [];
    if (need.ranks > 1) {
      tasks.push({ label: `restore in SST (mpirun -np ${need.ranks}): ${script}`, detail: `one gem5 per rank${need.selfPartitioned ? ', setRank honoured' : ''}`,
        definition: { ...base, ranks: need.ranks, launcher: 'mpirun', sstArgs } });
      tasks.push({ label: `restore in SST (srun -n ${need.ranks}): ${script}`, detail: 'Slurm',
        definition: { ...base, ranks: need.ranks, launcher: 'srun', sstArgs } });
    }
  }
  return tasks;
}
