/**
 * The Restore plan's graph as positioned boxes: one box per SST component (or one per class of a collapsed repeated
 * group, counted ×N), edges for links labelled with both ends' latencies, ranks as clusters, laid out by dagre.
 * Pure: plan JSON + which groups are collapsed in, coordinates out (tested in node; the view only draws them).
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { GraphComponent, GraphLink, SourceSite } from '../../../server/src/protocol/restorePlanData';
import type { PlanGem5Node, RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import { classKey, findRepeats, isCollapsed, type RepeatGroup } from './restorePlanGroups';

export const UNKNOWN = 'unknown';

export interface Point {
  x: number;
  y: number;
}

export type BoxKind = 'gem5' | 'memory' | 'component' | 'unknown-end';

export interface LaidBox {
  id: string;
  kind: BoxKind;
  /** Centre, as dagre gives it. */
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  /** How many components the box stands for (×N of a collapsed group). */
  count: number;
  /** The group it belongs to, when it is a member of a repeated structure. */
  group: string | null;
  rank: RankKey | 'mixed';
  source: SourceSite | null;
  /** Indexes into `map.mismatches` drawn on this box. */
  mismatches: number[];
}

export interface LaidEdge {
  id: string;
  from: string;
  to: string;
  points: Point[];
  label: string;
  labelX: number;
  labelY: number;
  count: number;
  source: SourceSite | null;
}

export interface LaidCluster {
  id: string;
  label: string;
  rank: RankKey;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlanLayout {
  width: number;
  height: number;
  boxes: LaidBox[];
  edges: LaidEdge[];
  clusters: LaidCluster[];
  groups: (RepeatGroup & { collapsed: boolean })[];
  /** Whether any component calls setRank; without it the partitioner places components. */
  ranked: boolean;
}

const CHAR_W = 7;
const LINE_H = 16;
const PAD = 10;
const MAX_LINE = 48;
/** Up to this many edges, dagre makes room for each label. */
const LABELLED_EDGES = 24;

const clip = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s);
const tail = (path: string, parts: number) => path.split('/').filter(Boolean).slice(-parts).join('/');
const baseName = (c: string | null) => (c === null ? null : c.split(':')[0]);

/** A component's rank as a key: its number, 'unknown' (setRank with a value the model does not know), 'none' (no setRank). */
export type RankKey = `${number}` | 'unknown' | 'none';

function rankOf(c: GraphComponent): RankKey {
  if (!c.partition) return 'none';
  return c.partition.rank === null ? 'unknown' : `${c.partition.rank}`;
}

function describeSame(values: (string | null)[], show: (v: string) => string, what: string): string {
  const distinct = [...new Set(values)];
  if (distinct.length === 1) return `${what}: ${distinct[0] === null ? UNKNOWN : show(distinct[0])}`;
  const unknown = values.filter((v) => v === null).length;
  return `${what}: ${distinct.length} different${unknown ? ` (${unknown} ${UNKNOWN})` : ''}`;
}

function boxLines(members: GraphComponent[], gem5: (PlanGem5Node | undefined)[], count: number, pattern: string | null): string[] {
  const c = members[0];
  const name = count > 1 && pattern ? `${pattern} ×${count}` : c.name ?? `(name ${UNKNOWN})`;
  const lines = [name, c.type ?? `type ${UNKNOWN}`];
  if (c.type === 'gem5.gem5Component') {
    lines.push(describeSame(gem5.map((g) => g?.gem5Script ?? null), (v) => tail(v, 1), 'script'));
    lines.push(describeSame(gem5.map((g) => g?.checkpoint ?? null), (v) => tail(v, 2), 'checkpoint'));
    if (count === 1 && gem5[0]?.node !== undefined) lines.push(`node ${gem5[0]?.node ?? UNKNOWN}`);
  }
  for (const s of c.subcomponents.slice(0, 3)) lines.push(`${s.slot_name}[${s.slot_number}]: ${s.type ?? UNKNOWN}`);
  if (c.subcomponents.length > 3) lines.push(`+${c.subcomponents.length - 3} subcomponents`);
  if (c.maybe) lines.push('(may not exist: created under a condition)');
  return lines.map(clip);
}

function kindOf(c: GraphComponent): BoxKind {
  if (c.type === 'gem5.gem5Component') return 'gem5';
  if (c.type !== null && /MemController|memHierarchy\.(?:Memory|memController)/i.test(c.type)) return 'memory';
  return 'component';
}

function latencyLabel(l: GraphLink): string {
  const a = l.left?.latency ?? UNKNOWN;
  const b = l.right?.latency ?? UNKNOWN;
  return a === b ? a : `${a} / ${b}`;
}

/** Which mismatches of the address map fall on which component (by index). */
function mismatchesByComponent(reply: RestorePlanReply): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const plan = reply.plan!;
  const add = (i: number, m: number) => out.set(i, [...(out.get(i) ?? []), m]);
  plan.map.mismatches.forEach((m, mi) => {
    if (m.on.kind === 'node') {
      const node = m.on.node;
      const g = reply.gem5Nodes.find((x) => x.node === node);
      if (g) add(g.component, mi);
      return;
    }
    const regionNames = new Set(plan.map.regions.map((r) => r.component));
    plan.graph.components.forEach((c, i) => {
      if (c.name !== null && regionNames.has(c.name)) add(i, mi);
    });
  });
  return out;
}

/** Top to bottom suits a panel beside the editor; left to right suits wide expanded graphs. */
export type PlanDirection = 'TB' | 'LR';

export function layoutPlan(reply: RestorePlanReply, collapseChoice: Readonly<Record<string, boolean>> = {}, direction: PlanDirection = 'TB'): PlanLayout {
  const plan = reply.plan;
  if (!plan) return { width: 0, height: 0, boxes: [], edges: [], clusters: [], groups: [], ranked: false };
  const comps = plan.graph.components;
  const gem5By = new Map(reply.gem5Nodes.map((g) => [g.component, g]));
  const groups = findRepeats(comps).map((g) => ({ ...g, collapsed: isCollapsed(g, collapseChoice) }));
  const mism = mismatchesByComponent(reply);
  const ranked = comps.some((c) => c.partition !== undefined);

  // Which box each component is drawn in.
  const boxOf = new Array<string>(comps.length);
  const boxMembers = new Map<string, { members: number[]; group: RepeatGroup | null; key: string | null }>();
  const groupOf = new Map<number, RepeatGroup>();
  for (const g of groups) for (const inst of g.instances) for (const i of inst) groupOf.set(i, g);
  comps.forEach((c, i) => {
    const g = groupOf.get(i);
    const collapsed = g && groups.find((x) => x.id === g.id)!.collapsed;
    const key = classKey(c);
    const id = collapsed ? `g:${g.id}:${key}` : `c:${i}`;
    boxOf[i] = id;
    const entry = boxMembers.get(id) ?? { members: [], group: g ?? null, key: collapsed ? key : null };
    entry.members.push(i);
    boxMembers.set(id, entry);
  });

  const dg = new Graph({ multigraph: true, compound: true });
  dg.setGraph({ rankdir: direction, nodesep: 24, ranksep: direction === 'TB' ? 50 : 80, edgesep: 12, marginx: 16, marginy: 16 });
  dg.setDefaultEdgeLabel(() => ({}));

  const boxes = new Map<string, LaidBox>();
  for (const [id, { members, group, key }] of boxMembers) {
    const cs = members.map((i) => comps[i]);
    const ranks = new Set(cs.map(rankOf));
    const rank: LaidBox['rank'] = ranks.size === 1 ? [...ranks][0] : 'mixed';
    const lines = boxLines(cs, members.map((i) => gem5By.get(i)), members.length, key ? key.slice(key.indexOf('|') + 1) : null);
    if (ranked && members.length > 1 && rank === 'mixed') lines.push(`ranks ${describeRanks(cs)}`);
    const width = Math.max(...lines.map((l) => l.length)) * CHAR_W + 2 * PAD;
    const height = lines.length * LINE_H + PAD;
    boxes.set(id, {
      id, kind: kindOf(cs[0]), x: 0, y: 0, width, height, lines, count: members.length, group: group?.id ?? null, rank,
      source: cs[0].source, mismatches: [...new Set(members.flatMap((i) => mism.get(i) ?? []))].sort((a, b) => a - b),
    });
    dg.setNode(id, { width, height });
    if (ranked && rank !== 'mixed') {
      const cluster = `r:${rank}`;
      if (!dg.hasNode(cluster)) dg.setNode(cluster, { label: cluster });
      dg.setParent(id, cluster);
    }
  }

  // Links between boxes, merged when a collapsed group repeats them.
  const byName = new Map<string, number>();
  comps.forEach((c, i) => {
    if (c.name !== null && !byName.has(c.name)) byName.set(c.name, i);
  });
  const endBox = (name: string | null): string | null => {
    const base = baseName(name);
    const i = base === null ? undefined : byName.get(base);
    return i === undefined ? null : boxOf[i];
  };
  const edges = new Map<string, { from: string; to: string; label: string; count: number; source: SourceSite | null }>();
  for (const l of plan.graph.links) {
    let from = endBox(l.left?.component ?? null);
    let to = endBox(l.right?.component ?? null);
    if (from === null && to === null) continue; // nothing known to attach it to
    for (const side of ['from', 'to'] as const) {
      if ((side === 'from' ? from : to) !== null) continue;
      const other = (side === 'from' ? to : from)!;
      const id = `u:${other}`;
      if (!boxes.has(id)) {
        const lines = [`component ${UNKNOWN}`, `(${l.name ?? 'link'} end the model cannot resolve)`].map(clip);
        const width = Math.max(...lines.map((x) => x.length)) * CHAR_W + 2 * PAD;
        boxes.set(id, { id, kind: 'unknown-end', x: 0, y: 0, width, height: lines.length * LINE_H + PAD, lines, count: 1, group: null, rank: 'none', source: l.source, mismatches: [] });
        dg.setNode(id, { width, height: lines.length * LINE_H + PAD });
      }
      if (side === 'from') from = id;
      else to = id;
    }
    if (from === to) continue; // inside one collapsed box
    const label = latencyLabel(l);
    const key = `${from}\u0000${to}\u0000${label}`;
    const e = edges.get(key);
    if (e) e.count++;
    else edges.set(key, { from: from!, to: to!, label, count: 1, source: l.source });
  }
  for (const [key, e] of edges) {
    const text = e.count > 1 ? `${e.label} ×${e.count}` : e.label;
    // Labels sized into the layout (dagre makes a dummy rank per label) only for a few edges; past that the label sits
    // on the edge's middle point, which keeps a 64-way fan-out fast.
    dg.setEdge(e.from, e.to, edges.size <= LABELLED_EDGES ? { width: text.length * CHAR_W, height: LINE_H, labelpos: 'c' } : {}, key);
  }

  layout(dg);

  const laidBoxes = [...boxes.values()].map((b) => {
    const p = dg.node(b.id);
    return { ...b, x: p.x ?? 0, y: p.y ?? 0 };
  });
  const laidEdges: LaidEdge[] = [...edges].map(([key, e], i) => {
    const d = dg.edge({ v: e.from, w: e.to, name: key });
    const pts: Point[] = d.points ?? [];
    const mid = d.x !== undefined ? { x: d.x, y: d.y ?? 0 } : pts[pts.length >> 1] ?? { x: 0, y: 0 };
    return {
      id: `e${i}`, from: e.from, to: e.to, points: (d.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })),
      label: e.count > 1 ? `${e.label} ×${e.count}` : e.label, labelX: mid.x, labelY: mid.y, count: e.count, source: e.source,
    };
  });
  const clusters: LaidCluster[] = dg.nodes().filter((id) => id.startsWith('r:')).map((id) => {
    const p = dg.node(id);
    const rank = id.slice(2) as RankKey;
    const label = rank === 'none' ? 'no setRank: the partitioner places these' : rank === 'unknown' ? `rank ${UNKNOWN}` : `rank ${rank}`;
    return {
      id, rank, label,
      x: (p.x ?? 0) - p.width / 2, y: (p.y ?? 0) - p.height / 2, width: p.width, height: p.height,
    };
  });
  const g = dg.graph();
  // dagre reports -Infinity for an empty graph.
  const size = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);
  return { width: size(g.width), height: size(g.height), boxes: laidBoxes, edges: laidEdges, clusters, groups, ranked };
}

function describeRanks(cs: GraphComponent[]): string {
  const known = cs.map(rankOf).filter((r) => r !== 'none' && r !== 'unknown').map(Number);
  const unknown = cs.length - known.length;
  const range = known.length ? `${Math.min(...known)}–${Math.max(...known)}` : '';
  return [range, unknown ? `${unknown} ${UNKNOWN}` : ''].filter(Boolean).join(', ');
}
