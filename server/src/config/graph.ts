/**
 * The SST graph of a script's model in the shape `sst --output-json` writes (sst-core's jsonConfigOutput.cc):
 * components with params as SST's strings, nested subcomponents, partitions, links with both ends. `null` is a value
 * the model does not know. Every object also carries `source` {file, line}. `toDot` writes it like `sst --output-dot`.
 */
import { pyStr } from './pyFormat';
import type { GraphComponent, GraphLink, GraphLinkEnd, GraphSubComponent, SstGraph } from '../protocol/restorePlanData';
import type { PyValue, SstComponent, SstLinkEnd, SstParam, SstScriptModel, SstSubComponent } from './types';

export type { GraphComponent, GraphLink, GraphLinkEnd, GraphSubComponent, SstGraph };

const text = (v: PyValue): string | null => (v.kind === 'unknown' ? null : pyStr(v));

function params(ps: readonly SstParam[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of ps) out[p.key] = p.text !== undefined ? p.text : text(p.value);
  return out;
}

function nestSubs(subs: readonly SstSubComponent[]): GraphSubComponent[] {
  const top: GraphSubComponent[] = [];
  const byPath = new Map<string, GraphSubComponent>();
  for (const s of subs) {
    const g: GraphSubComponent = { slot_name: s.slot, slot_number: s.slotIndex, type: s.type === '?' ? null : s.type, params: params(s.params), subcomponents: [], source: s.site ?? null };
    const parentKey = (s.parentPath ?? []).join(':');
    const parent = parentKey ? byPath.get(parentKey) : null;
    (parent ? parent.subcomponents : top).push(g);
    byPath.set([...(s.parentPath ?? []), `${s.slot}[${s.slotIndex}]`].join(':'), g);
  }
  return top;
}

export function sstGraph(model: SstScriptModel): SstGraph {
  const nameOf = (order: number): string | null => {
    const c = model.components[order];
    return c ? text(c.name) : null;
  };
  const end = (e: SstLinkEnd): GraphLinkEnd => {
    const base = nameOf(e.component);
    return {
      component: base === null ? null : e.slot !== null ? [base, ...(e.slotPath ?? [`${e.slot}[0]`])].join(':') : base,
      port: e.port || null,
      latency: text(e.latency),
    };
  };
  return {
    program_options: params(model.programOptions),
    components: model.components.map((c: SstComponent) => {
      const g: GraphComponent = { name: text(c.name), type: c.type === '?' ? null : c.type, params: params(c.params), subcomponents: nestSubs(c.subComponents), source: c.site ?? null };
      if (c.partition) g.partition = { ...c.partition };
      if (c.incomplete) g.incomplete = c.incomplete;
      if (c.maybe) g.maybe = true;
      return g;
    }),
    links: model.links.map((l) => {
      const g: GraphLink = { name: text(l.name), noCut: l.noCut ?? false, source: l.site ?? null };
      // Known and unknown ends back in connection order: the first is SST's left end, the second its right.
      const inOrder: (GraphLinkEnd | undefined)[] = [];
      for (const u of l.unknownEnds ?? []) inOrder[u.at] = { component: null, port: u.port, latency: text(u.latency) };
      let next = 0;
      for (const e of l.ends) {
        while (inOrder[next]) next++;
        inOrder[next++] = end(e);
      }
      if (inOrder[0]) g.left = inOrder[0];
      if (inOrder[1]) g.right = inOrder[1];
      if (l.incomplete) g.incomplete = l.incomplete;
      return g;
    }),
  };
}

/** The graph as Graphviz, like `sst --output-dot`: components as nodes, links as edges labelled with their latencies. */
export function toDot(g: SstGraph): string {
  const q = (s: string | null) => JSON.stringify(s ?? '?');
  const lines = ['graph "sst_model" {', '  overlap=scale;', '  splines=spline;', '  node [shape=record];'];
  for (const c of g.components) lines.push(`  ${q(c.name)} [label="{${(c.name ?? '?').replace(/["{}|<>]/g, '\\$&')} | ${(c.type ?? '?').replace(/["{}|<>]/g, '\\$&')}}"${c.maybe ? ', style=dashed' : ''}];`);
  for (const l of g.links) {
    if (!l.left || !l.right) continue;
    const base = (n: string | null) => q(n === null ? null : n.split(':')[0]);
    lines.push(`  ${base(l.left.component)} -- ${base(l.right.component)} [label=${q(`${l.name ?? '?'}\\n${l.left.port ?? '?'}:${l.left.latency ?? '?'} / ${l.right.port ?? '?'}:${l.right.latency ?? '?'}`)}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
