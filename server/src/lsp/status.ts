/**
 * What the server understood of one file (`gem5sst/status`): its kind, the gem5 nodes it resolved and those it could
 * not follow (with why), the gem5 script and checkpoint each node uses, and the SST working directory with the rule
 * that chose it. The node read-out is one function (gem5NodesOf) so it can follow the SST model as it changes.
 */
import type { SstComponent, SstScriptModel, ScriptModel } from '../config/types';
import type { FileStatus, ResolvedNode, UnfollowedNode, WorkingDirectoryStatus } from '../protocol/status';
import type { ResolvedRun } from '../workspace/types';

export const WORKING_DIRECTORY_RULES: Record<WorkingDirectoryStatus['source'], string> = {
  task: 'the cwd of the sst task that runs this script',
  setting: 'the gem5sst.sst.workingDirectory setting',
  inferred: "the nearest ancestor from which the gem5 script in cmd exists (not the script's own directory)",
  'script-directory': "the SST script's own directory",
};

function nodeName(c: SstComponent): string {
  if (c.name.kind === 'str') return c.name.value;
  return c.varName ?? `component #${c.order}`;
}

/** 1-based lines where the text names the gem5Component type as a string literal (outside comments). */
function typeMentions(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/#.*$/, '');
    if (/["']gem5\.gem5Component["']/.test(code)) lines.push(i + 1);
  });
  return lines;
}

/**
 * The gem5 nodes of an SST script: components of type gem5.gem5Component, matched to the runs of their `cmd`. When
 * `text` names that type on a line where the model found no component, that place is reported as not followed.
 */
export function gem5NodesOf(model: SstScriptModel, runs: readonly ResolvedRun[], text?: string): { resolved: ResolvedNode[]; unfollowed: UnfollowedNode[] } {
  const resolved: ResolvedNode[] = [];
  const unfollowed: UnfollowedNode[] = [];
  for (const c of model.components.filter((x) => x.type === 'gem5.gem5Component')) {
    const name = nodeName(c);
    const line = c.span.start.line + 1;
    const cmd = model.gem5Cmds.find((x) => x.component === c.order);
    const run = runs.find((r) => r.kind === 'sst-node' && r.definedIn === model.path && r.cmd?.component === c.order);
    if (!cmd) unfollowed.push({ name, line, reason: 'no cmd parameter was found for it' });
    else if (cmd.unsplit) unfollowed.push({ name, line, reason: `its cmd is not split: ${cmd.unsplit}` });
    else if (cmd.text === null) unfollowed.push({ name, line, reason: 'its cmd could not be evaluated statically' });
    else if (!cmd.script) unfollowed.push({ name, line, reason: 'its cmd names no gem5 script' });
    else if (!run?.gem5Script) unfollowed.push({ name, line, reason: `${cmd.script.text} does not exist relative to ${run?.workingDirectory ?? 'the SST working directory'}` });
    else {
      resolved.push({
        name, line, gem5Script: run.gem5Script, mode: run.mode, checkpointDir: run.checkpointDir,
        checkpointFound: run.checkpoint !== null, curTick: run.checkpoint?.curTick ?? null,
      });
    }
  }
  const modelled = new Set(model.components.filter((x) => x.type === 'gem5.gem5Component').flatMap((c) => {
    const out: number[] = [];
    for (let l = c.span.start.line + 1; l <= c.span.end.line + 1; l++) out.push(l);
    return out;
  }));
  for (const line of text ? typeMentions(text) : []) {
    if (!modelled.has(line)) unfollowed.push({ name: `gem5.gem5Component at line ${line}`, line, reason: 'built in a way the model does not follow (a list append or a helper function?)' });
  }
  return { resolved, unfollowed };
}

export function fileStatus(path: string, model: ScriptModel | undefined, runs: readonly ResolvedRun[], text?: string): FileStatus {
  const base: FileStatus = { path, kind: 'other', resolved: [], unfollowed: [], workingDirectory: null, runBy: [], componentTypes: [] };
  if (!model || model.kind === 'other') return base;
  if (model.kind === 'gem5') {
    const runBy = [...new Set(runs.filter((r) => r.gem5Script === path).map((r) => r.definedIn))];
    return { ...base, kind: 'gem5', runBy };
  }
  const nodes = gem5NodesOf(model, runs, text);
  const first = runs.find((r) => r.kind === 'sst-node' && r.definedIn === path);
  const workingDirectory = first ? { dir: first.workingDirectory, source: first.workingDirectorySource, rule: WORKING_DIRECTORY_RULES[first.workingDirectorySource] } : null;
  const componentTypes = [...new Set(model.components.map((c) => c.type).filter((t) => t !== 'gem5.gem5Component'))];
  return { ...base, kind: 'sst', ...nodes, workingDirectory, componentTypes };
}
