/**
 * The address map on one axis: a lane per SST memory region and per gem5 node (local memory, remote window, the
 * checkpoint's stores), positions as fractions of the axis, each mismatch on the bars it concerns. Pure.
 */
import type { AddressMap, MapMismatch } from '../../../server/src/protocol/restorePlanData';
import { formatSize } from '../../../server/src/protocol/format';
import { UNKNOWN } from './restorePlanLayout';

export type BarKind = 'local' | 'remote' | 'store' | 'region';

export interface MapBar {
  kind: BarKind;
  /** Fractions of the axis, [x0, x1). */
  x0: number;
  x1: number;
  label: string;
  /** Mismatch indexes drawn on this bar. */
  mismatches: number[];
}

export interface MapLane {
  id: string;
  title: string;
  /** 1-based line in the SST script, for a click. */
  line: number | null;
  bars: MapBar[];
  /** What is unknown in this lane, said in words. */
  unknown: string[];
  mismatches: number[];
}

export interface MapLayout {
  lanes: MapLane[];
  ticks: { x: number; label: string }[];
  /** Node lanes left out (no mismatch, in the middle of many nodes); "show all" brings them back. */
  hidden: number;
  /** Mismatches with no bar to draw them on (still listed and clickable). */
  unplaced: number[];
}

/** Beyond this many nodes, lanes without a mismatch are folded (first two and last kept). */
export const FOLD_NODES_ABOVE = 8;

/** Which bars of a node lane a code concerns (rules.md). */
const BARS_OF: Record<string, BarKind[]> = {
  GS202: ['region'], GS207: ['remote', 'store'], GS208: ['local', 'store'], GS209: ['local', 'remote'], GS211: ['store'], GS213: ['remote'],
};

const big = (s: string | null | undefined): bigint | null => (s !== null && s !== undefined && /^\d+$/.test(s) ? BigInt(s) : null);
const range = (start: bigint, end: bigint) => `${hex(start)} … ${hex(end)}`;
const hex = (n: bigint) => `0x${n.toString(16)}`;

function ticksFor(min: bigint, max: bigint, frac: (n: bigint) => number): MapLayout['ticks'] {
  const span = max - min;
  if (span <= 0n) return [];
  let step = 1n;
  while (span / step > 8n) step *= 2n;
  const first = ((min + step - 1n) / step) * step;
  const out: MapLayout['ticks'] = [];
  for (let t = first; t <= max && out.length < 12; t += step) out.push({ x: frac(t), label: t === 0n ? '0' : formatSize(t) });
  return out;
}

export function layoutAddressMap(map: AddressMap, opts: { showAll?: boolean } = {}): MapLayout {
  // The axis spans every known range.
  const points: bigint[] = [];
  const push = (...xs: (bigint | null)[]) => xs.forEach((x) => x !== null && points.push(x));
  for (const r of map.regions) push(big(r.start), big(r.end));
  for (const n of map.nodes) {
    push(big(n.local?.start), big(n.local?.end), big(n.remote?.start), big(n.remote?.end));
    for (const s of n.stores) push(big(s.start), big(s.end));
  }
  const min = points.length ? points.reduce((a, b) => (b < a ? b : a)) : 0n;
  const max = points.length ? points.reduce((a, b) => (b > a ? b : a)) : 0n;
  const span = max - min;
  const frac = (n: bigint) => (span > 0n ? Number(((n - min) * 1_000_000n) / span) / 1_000_000 : 0);

  const onBar = (list: MapMismatch[], idx: number[], kind: BarKind) => idx.filter((i) => (BARS_OF[list[i].code] ?? []).includes(kind));
  const placed = new Set<number>();
  const bar = (kind: BarKind, s: bigint | null, e: bigint | null, label: string, mism: number[]): MapBar | null => {
    if (s === null || e === null) return null;
    const on = onBar(map.mismatches, mism, kind);
    on.forEach((i) => placed.add(i));
    return { kind, x0: frac(s), x1: frac(e), label, mismatches: on };
  };

  const memoryMismatches = map.mismatches.map((m, i) => (m.on.kind === 'memory' ? i : -1)).filter((i) => i >= 0);
  const lanes: MapLane[] = map.regions.map((r, ri) => {
    const s = big(r.start);
    const e = big(r.end);
    const unknown = r.memSize === null ? [`mem_size ${UNKNOWN}`] : [];
    const label = s !== null && e !== null ? `${range(s, e)} (mem_size ${r.memSize ?? UNKNOWN})` : `range ${UNKNOWN}`;
    const b = bar('region', s, e, label, memoryMismatches);
    return { id: `region:${ri}`, title: `SST memory ${r.component}`, line: r.line, bars: b ? [b] : [], unknown: b ? unknown : [`range ${UNKNOWN}`, ...unknown], mismatches: memoryMismatches };
  });

  const nodeLanes: MapLane[] = map.nodes.map((n, ni) => {
    const mism = map.mismatches.map((m, i) => (m.on.kind === 'node' && m.on.node === n.node ? i : -1)).filter((i) => i >= 0);
    const bars: MapBar[] = [];
    const unknown: string[] = [];
    const local = bar('local', big(n.local?.start), big(n.local?.end), 'local', mism);
    if (local) local.label = `local ${range(big(n.local!.start)!, big(n.local!.end)!)}`;
    else unknown.push(`local memory ${UNKNOWN}`);
    const remote = bar('remote', big(n.remote?.start), big(n.remote?.end), 'remote', mism);
    if (remote) remote.label = `remote window ${range(big(n.remote!.start)!, big(n.remote!.end)!)}`;
    else unknown.push(`remote window ${UNKNOWN}`);
    bars.push(...[local, remote].filter((b): b is MapBar => b !== null));
    if (n.checkpoint === null) unknown.push(`checkpoint ${UNKNOWN}`);
    for (const s of n.stores) {
      const size = big(s.size);
      const text = `store${s.id} ${s.role ?? `role ${UNKNOWN}`}, ${size === null ? `size ${UNKNOWN}` : formatSize(size)}`;
      const b = bar('store', big(s.start), big(s.end), text, mism);
      if (b) bars.push({ ...b, label: `${text} at ${hex(big(s.start)!)}` });
      else unknown.push(`${text}, address ${UNKNOWN}`);
    }
    // A lane-wide mismatch no bar carries (e.g. the range itself is unknown) is still placed on the lane.
    return { id: `node:${ni}`, title: `node ${n.node ?? UNKNOWN}${n.checkpoint ? ` ← ${n.checkpoint.split('/').filter(Boolean).slice(-2).join('/')}` : ''}`, line: n.line, bars, unknown, mismatches: mism };
  });
  for (const l of nodeLanes) l.mismatches.forEach((i) => placed.add(i));
  for (const l of lanes) l.mismatches.forEach((i) => placed.add(i));

  let shown = nodeLanes;
  let hidden = 0;
  if (!opts.showAll && nodeLanes.length > FOLD_NODES_ABOVE) {
    shown = nodeLanes.filter((l, i) => i < 2 || i === nodeLanes.length - 1 || l.mismatches.length > 0);
    hidden = nodeLanes.length - shown.length;
  }
  const unplaced = map.mismatches.map((_, i) => i).filter((i) => !placed.has(i));
  return { lanes: [...lanes, ...shown], ticks: ticksFor(min, max, frac), hidden, unplaced };
}
