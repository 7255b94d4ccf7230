/**
 * What the checkpoint tree shows under one checkpoint directory, as plain data (no `vscode` import, so it is tested
 * directly): stores with size and role, CPUs, caches, disks and problems, each with a description and a tooltip.
 */
import type { CheckpointSummary } from '../../../server/src/protocol/checkpoint';
import { formatSizeText } from '../../../server/src/protocol/format';

export interface NodeData {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon id. */
  icon: string;
  /** Drives context menus (`viewItem`). */
  contextValue: string;
  children?: NodeData[];
  /** File to open on click (absolute), with an optional 1-based line. */
  open?: { file: string; line?: number };
}

const size = formatSizeText;

export function checkpointDescription(s: CheckpointSummary): string {
  const errors = s.problems.filter((p) => p.severity === 'error').length;
  const tick = s.curTick ? `tick ${s.curTick}` : 'no curTick';
  return errors ? `${tick} · ${errors} problem${errors > 1 ? 's' : ''}` : tick;
}

export function checkpointChildren(s: CheckpointSummary): NodeData[] {
  const cpt = `${s.path}/m5.cpt`;
  const nodes: NodeData[] = [];
  const stores: NodeData[] = s.stores.map((st) => ({
    id: `${s.path}#store${st.id}`,
    label: `store${st.id}`,
    description: `${size(st.rangeSize)} · ${st.role ?? 'role unknown'}${st.present ? '' : ' · missing'}`,
    tooltip: `${st.file}\nrange_size ${st.rangeSize}\n${st.start ? `[${st.start}, ${st.end})` : 'address unknown (no config.ini)'}\ncompressed ${size(st.compressedBytes)}${st.memories.length ? `\nbacks ${st.memories.join(', ')}` : ''}`,
    icon: st.present ? 'database' : 'warning',
    contextValue: 'store',
    open: { file: cpt, line: st.line },
  }));
  nodes.push({ id: `${s.path}#stores`, label: 'Memory stores', description: String(stores.length), icon: 'server', contextValue: 'group', children: stores });
  const active = s.cpus.filter((c) => c.active).length;
  nodes.push({
    id: `${s.path}#cpus`, label: 'CPUs', description: `${s.cpus.length} (${active} active)${s.kvm ? ' · KVM' : ''}`, icon: 'chip', contextValue: 'group',
    children: s.cpus.map((c) => ({
      id: `${s.path}#${c.section}`, label: c.section.replace(/^board\.processor\./, ''),
      description: `${c.active ? 'active' : 'switched out'}${c.model ? ' · ' + c.model : ''}`,
      tooltip: `${c.section}\ninstCnt ${c.instCnt ?? '?'}${c.threads.map((t) => `\n${t.section}: pc ${t.pcHex ?? '?'}`).join('')}`,
      icon: 'circuit-board', contextValue: 'cpu', open: { file: cpt, line: c.line },
    })),
  });
  if (s.disks.length) {
    nodes.push({
      id: `${s.path}#disks`, label: 'Disks', description: String(s.disks.length), icon: 'file-binary', contextValue: 'group',
      children: s.disks.map((d) => ({ id: `${s.path}#${d.section}`, label: d.cowFilename, description: d.present ? `${d.sectors ?? '?'} sectors written` : 'missing', icon: d.present ? 'file' : 'warning', contextValue: 'disk', open: { file: cpt, line: d.line } })),
    });
  }
  if (s.problems.length) {
    nodes.push({
      id: `${s.path}#problems`, label: 'Problems', description: String(s.problems.length), icon: 'error', contextValue: 'group',
      children: s.problems.map((p, i) => ({ id: `${s.path}#problem${i}`, label: `${p.code} ${p.message}`, tooltip: p.message, icon: p.severity === 'error' ? 'error' : 'warning', contextValue: 'problem', open: { file: cpt, line: p.line } })),
    });
  }
  nodes.push({ id: `${s.path}#m5cpt`, label: 'm5.cpt', description: `${s.sectionCount} sections`, icon: 'file-code', contextValue: 'file', open: { file: cpt } });
  return nodes;
}
