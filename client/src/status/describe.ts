/**
 * Words for what the server understood of a file (`gem5sst/status`): a one-line summary and detail for the language
 * status item, and the full read-out for the graph output. Pure: no `vscode` import, so it is unit-tested directly.
 */
import type { FileStatus, ResolvedNode } from '../../../server/src/protocol/status';

export interface StatusSummary {
  text: string;
  detail: string;
  /** Something was not understood (a node not followed, a missing checkpoint). */
  warn: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function nodeLine(n: ResolvedNode, rel: (p: string) => string): string {
  const mode = n.mode ?? 'take/restore undecided';
  const ckpt = n.checkpointDir ? `${rel(n.checkpointDir)}${n.checkpointFound ? (n.curTick ? ` (tick ${n.curTick})` : '') : ' (not found)'}` : 'no checkpoint';
  return `${n.name} → ${rel(n.gem5Script)} · ${mode} · ${ckpt}`;
}

export function summarize(s: FileStatus, rel: (p: string) => string): StatusSummary {
  if (s.kind === 'other') return { text: 'not a gem5 or SST script', detail: 'nothing to check in this file', warn: false };
  if (s.kind === 'gem5') {
    return s.runBy.length
      ? { text: 'gem5 script', detail: `run by ${s.runBy.map(rel).join(', ')}`, warn: false }
      : { text: 'gem5 script', detail: 'no SST script or task runs it', warn: false };
  }
  const total = s.resolved.length + s.unfollowed.length;
  if (!total) return { text: 'SST script, no gem5 nodes', detail: s.componentTypes.length ? `components: ${s.componentTypes.join(', ')}` : 'no components found', warn: false };
  const parts = s.resolved.map((n) => nodeLine(n, rel));
  // One line in the status hover: the reasons are in the graph output.
  if (s.unfollowed.length === 1) parts.push(`${s.unfollowed[0].name} not followed: ${s.unfollowed[0].reason}`);
  else if (s.unfollowed.length) parts.push(`not followed: ${s.unfollowed.map((n) => n.name).join(', ')} (see the graph output)`);
  const text = s.unfollowed.length
    ? `SST script: ${s.resolved.length} of ${plural(total, 'gem5 node')} resolved, ${s.unfollowed.length} not followed`
    : `SST script: ${total === 1 ? s.resolved[0].name : plural(total, 'gem5 node')}`;
  const missing = s.resolved.some((n) => n.checkpointDir && !n.checkpointFound);
  return { text, detail: parts.join('; '), warn: s.unfollowed.length > 0 || missing };
}

/** The working-directory item: where SST runs and the rule that chose it; null when not an SST script with nodes. */
export function workingDirectorySummary(s: FileStatus, rel: (p: string) => string): { text: string; detail: string } | null {
  if (s.kind !== 'sst' || !s.workingDirectory) return null;
  return { text: `SST runs in ${rel(s.workingDirectory.dir)}`, detail: `chosen by ${s.workingDirectory.rule}` };
}

/** The full read-out, as Markdown (the "graph output"). */
export function statusDocument(s: FileStatus, rel: (p: string) => string): string {
  const kind = { sst: 'SST script', gem5: 'gem5 script', other: 'not a gem5 or SST script' }[s.kind];
  const out = [`# ${rel(s.path)} — ${kind}`, ''];
  if (s.kind === 'gem5') {
    out.push(s.runBy.length ? 'Run by:' : 'No SST script or task runs it.', ...s.runBy.map((p) => `- ${rel(p)}`));
  }
  if (s.kind === 'sst') {
    if (s.workingDirectory) out.push(`SST working directory: \`${rel(s.workingDirectory.dir)}\` — ${s.workingDirectory.rule}.`, '');
    out.push(`## gem5 nodes: ${s.resolved.length} resolved, ${s.unfollowed.length} not followed`, '');
    for (const n of s.resolved) out.push(`- line ${n.line}: ${nodeLine(n, rel)}`);
    for (const n of s.unfollowed) out.push(`- line ${n.line}: **${n.name} not followed** — ${n.reason}`);
    if (!s.resolved.length && !s.unfollowed.length) out.push('- none found (no component of type gem5.gem5Component)');
    out.push('', '## Other components', '', ...(s.componentTypes.length ? s.componentTypes.map((t) => `- ${t}`) : ['- none']));
  }
  return out.join('\n') + '\n';
}
