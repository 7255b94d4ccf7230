/**
 * Draws the Restore plan: header, toolbar (zoom, fit, repeated groups), the SST graph as SVG with zoom and pan, the
 * address map on one axis and the list of mismatches. Every clickable element is a focusable role=button that also
 * answers Enter and Space.
 */
import type { PlanRetarget } from '../../../server/src/protocol/planWebview';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import { layoutPlan, UNKNOWN, type LaidBox, type PlanDirection, type PlanLayout } from './restorePlanLayout';
import { layoutAddressMap, type MapLayout } from './restorePlanMapLayout';
import { fitView, keyAction, panBy, zoomAt, ZOOM_STEP, type ViewBox } from './restorePlanZoom';

export interface PlanState {
  script: string | null;
  /** The checkpoint the panel was opened with (kept across a window reload). */
  checkpoint: string | null;
  /** The host's message above the plan (e.g. that checkpoint is gone). */
  notice: string | null;
  reply: RestorePlanReply | null;
  retarget: PlanRetarget | null;
  error: string | null;
  /** The user's collapse choice per repeated group id. */
  collapse: Record<string, boolean>;
  showAllNodes: boolean;
  direction: PlanDirection;
  view: ViewBox | null;
}

export interface PlanActions {
  openSource(file: string, line: number): void;
  openMismatch(index: number): void;
  toggleGroup(id: string, collapsed: boolean): void;
  showAllNodes(show: boolean): void;
  retarget(): void;
  viewChanged(v: ViewBox): void;
  direction(d: PlanDirection): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const LINE_H = 16;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function s(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const e = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/** Makes an element a keyboard-reachable button: click, Enter or Space run `run`. */
function activatable<E extends Element>(e: E, label: string, run: () => void): E {
  e.setAttribute('tabindex', '0');
  e.setAttribute('role', 'button');
  e.setAttribute('aria-label', label);
  e.addEventListener('click', (ev) => {
    ev.stopPropagation();
    run();
  });
  e.addEventListener('keydown', (ev) => {
    const k = (ev as KeyboardEvent).key;
    if (k === 'Enter' || k === ' ') {
      ev.preventDefault();
      ev.stopPropagation();
      run();
    }
  });
  return e;
}

function button(label: string, run: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', run);
  return b;
}

const rankClass = (rank: LaidBox['rank']) => (rank === 'mixed' || rank === 'none' || rank === 'unknown' ? `rank-${rank}` : `rank-c${Number(rank) % 8}`);

function drawBox(b: LaidBox, reply: RestorePlanReply, act: PlanActions): SVGElement {
  const x = b.x - b.width / 2;
  const y = b.y - b.height / 2;
  const g = s('g', { class: `box ${b.kind} ${rankClass(b.rank)}${b.mismatches.length ? ' has-mismatch' : ''}${b.count > 1 ? ' collapsed' : ''}`, 'data-id': b.id });
  if (b.count > 1) g.append(s('rect', { class: 'stack', x: x + 4, y: y + 4, width: b.width, height: b.height, rx: 4 }));
  g.append(s('rect', { class: 'frame', x, y, width: b.width, height: b.height, rx: 4 }));
  b.lines.forEach((line, i) => {
    const cls = i === 0 ? 'name' : line.includes(UNKNOWN) ? 'unknown' : 'detail';
    g.append(s('text', { class: cls, x: x + 8, y: y + 6 + LINE_H * (i + 0.75) }, line));
  });
  const mismatches = reply.plan!.map.mismatches;
  b.mismatches.forEach((mi, j) => {
    const m = mismatches[mi];
    const badge = s('g', { class: 'badge mismatch' });
    const bx = x + b.width - 52 * (j + 1);
    badge.append(s('rect', { x: bx, y: y - 9, width: 48, height: 16, rx: 3 }), s('text', { x: bx + 24, y: y + 3, 'text-anchor': 'middle' }, m.code));
    g.append(activatable(badge, `${m.code}: ${m.message} (open the diagnostic)`, () => act.openMismatch(mi)));
  });
  const where = b.source ? `, line ${b.source.line}` : ', source unknown';
  return activatable(g, `${b.lines.join(', ')}${where}`, () => {
    if (b.source) act.openSource(b.source.file, b.source.line);
  });
}

function graphSvg(layout: PlanLayout, state: PlanState, reply: RestorePlanReply, act: PlanActions): { svg: SVGElement; fit(): void; zoom(f: number): void } {
  const svg = s('svg', { class: 'graph', role: 'group', tabindex: 0, 'aria-label': 'SST graph. Arrow keys pan, + and − zoom, 0 fits; Tab reaches each element.' });
  const viewport = s('g', { class: 'viewport' });
  svg.append(viewport);
  for (const c of layout.clusters) {
    viewport.append(s('g', { class: `cluster ${rankClass(c.rank)}` },
      s('rect', { x: c.x, y: c.y, width: c.width, height: c.height, rx: 6 }),
      s('text', { x: c.x + 6, y: c.y + 13 }, c.label)));
  }
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const g = s('g', { class: `edge${e.label.includes(UNKNOWN) ? ' unknown' : ''}` }, s('path', { d }));
    const w = e.label.length * 7 + 6;
    g.append(s('rect', { class: 'label-bg', x: e.labelX - w / 2, y: e.labelY - 9, width: w, height: 16, rx: 2 }), s('text', { x: e.labelX, y: e.labelY + 3, 'text-anchor': 'middle' }, e.label));
    viewport.append(activatable(g, `link, latency ${e.label}${e.source ? `, line ${e.source.line}` : ''}`, () => {
      if (e.source) act.openSource(e.source.file, e.source.line);
    }));
  }
  for (const b of layout.boxes) viewport.append(drawBox(b, reply, act));

  let view = state.view;
  const size = () => ({ w: (svg as unknown as Element).clientWidth || 800, h: (svg as unknown as Element).clientHeight || 480 });
  const apply = (v: ViewBox, report = true) => {
    view = v;
    viewport.setAttribute('transform', `translate(${v.x.toFixed(1)},${v.y.toFixed(1)}) scale(${v.k.toFixed(4)})`);
    if (report) act.viewChanged(v);
  };
  const fit = () => {
    const { w, h: hh } = size();
    apply(fitView(layout.width, layout.height, w, hh));
  };
  const zoom = (f: number) => {
    const { w, h: hh } = size();
    apply(zoomAt(view ?? { k: 1, x: 0, y: 0 }, f, w / 2, hh / 2));
  };
  if (view) apply(view, false);
  else queueMicrotask(fit); // once in the document, the viewport has a size

  svg.addEventListener('wheel', (ev) => {
    const w = ev as WheelEvent;
    w.preventDefault();
    const r = (svg as unknown as Element).getBoundingClientRect();
    apply(zoomAt(view ?? { k: 1, x: 0, y: 0 }, w.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, w.clientX - r.left, w.clientY - r.top));
  }, { passive: false });
  svg.addEventListener('keydown', (ev) => {
    if (ev.target !== svg) return; // keys on a focused element activate it
    const a = keyAction((ev as KeyboardEvent).key);
    if (!a) return;
    ev.preventDefault();
    if (a === 'fit') fit();
    else if ('zoom' in a) zoom(a.zoom);
    else apply(panBy(view ?? { k: 1, x: 0, y: 0 }, a.pan[0], a.pan[1]));
  });
  let drag: { x: number; y: number; v: ViewBox } | null = null;
  svg.addEventListener('pointerdown', (ev) => {
    const p = ev as PointerEvent;
    if ((p.target as Element).closest?.('[role=button]')) return;
    drag = { x: p.clientX, y: p.clientY, v: view ?? { k: 1, x: 0, y: 0 } };
    (svg as unknown as Element).setPointerCapture?.(p.pointerId);
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const p = ev as PointerEvent;
    apply(panBy(drag.v, p.clientX - drag.x, p.clientY - drag.y), false);
  });
  const end = () => {
    if (drag && view) act.viewChanged(view);
    drag = null;
    svg.classList.remove('dragging');
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  return { svg, fit, zoom };
}

const LANE_H = 34;

/** Drawn at the panel's width in pixels (not scaled), so its text stays the editor's size. */
function mapSvg(map: MapLayout, reply: RestorePlanReply, script: string, act: PlanActions, MAP_W: number): SVGElement {
  const TITLE_W = Math.min(230, Math.round(MAP_W * 0.3));
  const axisW = MAP_W - TITLE_W - 70;
  const height = map.lanes.length * LANE_H + 30;
  const svg = s('svg', { class: 'address-map', viewBox: `0 0 ${MAP_W} ${height}`, width: MAP_W, height, role: 'group', 'aria-label': 'Address map: one axis for every node and the SST memory' });
  const X = (f: number) => TITLE_W + f * axisW;
  const mismatches = reply.plan!.map.mismatches;
  map.lanes.forEach((lane, li) => {
    const y = li * LANE_H + 4;
    const g = s('g', { class: `lane${lane.mismatches.length ? ' has-mismatch' : ''}`, 'data-lane': lane.id });
    const fits = Math.floor((TITLE_W - 8) / 7);
    const title = s('text', { class: 'lane-title', x: 4, y: y + 14 }, lane.title.length > fits ? `${lane.title.slice(0, fits - 1)}…` : lane.title, s('title', {}, lane.title));
    g.append(lane.line !== null ? activatable(title, `${lane.title}, line ${lane.line}`, () => act.openSource(script, lane.line!)) : title);
    for (const b of lane.bars) {
      const top = b.kind === 'store' ? y + 18 : y + 2;
      const hh = b.kind === 'store' ? 8 : b.kind === 'region' ? 24 : 14;
      const rect = s('rect', { class: `bar ${b.kind}${b.mismatches.length ? ' mismatch' : ''}`, x: X(b.x0), y: top, width: Math.max(2, X(b.x1) - X(b.x0)), height: hh });
      rect.append(s('title', {}, b.label));
      g.append(rect);
      if (b.kind !== 'store' && X(b.x1) - X(b.x0) > b.label.length * 5.5) g.append(s('text', { class: 'bar-label', x: X(b.x0) + 4, y: top + 11 }, b.label));
    }
    if (lane.unknown.length) g.append(s('text', { class: 'unknown', x: TITLE_W, y: y + 30 }, lane.unknown.join('; ')));
    lane.mismatches.forEach((mi, j) => {
      const m = mismatches[mi];
      const bx = MAP_W - 66 + 0 * j;
      const badge = s('g', { class: 'badge mismatch' }, s('rect', { x: bx, y: y + 2 + j * 2, width: 60, height: 16, rx: 3 }), s('text', { x: bx + 30, y: y + 14 + j * 2, 'text-anchor': 'middle' }, m.code));
      g.append(activatable(badge, `${m.code}: ${m.message} (open the diagnostic)`, () => act.openMismatch(mi)));
    });
    svg.append(g);
  });
  const axisY = map.lanes.length * LANE_H + 8;
  svg.append(s('line', { class: 'axis', x1: X(0), x2: X(1), y1: axisY, y2: axisY }));
  for (const t of map.ticks) svg.append(s('line', { class: 'tick', x1: X(t.x), x2: X(t.x), y1: axisY, y2: axisY + 4 }), s('text', { class: 'tick-label', x: X(t.x), y: axisY + 16, 'text-anchor': 'middle' }, t.label));
  return svg;
}

export function renderPlan(root: HTMLElement, state: PlanState, act: PlanActions): void {
  root.replaceChildren();
  const name = state.script ? state.script.split('/').pop() : '';
  root.append(h('h1', {}, `Restore plan — ${name}`));
  if (state.error) root.append(h('p', { class: 'error', role: 'alert' }, state.error));
  if (state.notice) root.append(h('p', { class: 'notice', role: 'status' }, state.notice));
  const reply = state.reply;
  if (!reply) {
    if (!state.error) root.append(h('p', {}, 'Computing the plan…'));
    return;
  }
  if (!reply.plan) {
    root.append(h('p', { class: 'error', role: 'alert' }, reply.error ?? 'no plan'));
    return;
  }
  const plan = reply.plan;
  const layout = layoutPlan(reply, state.collapse, state.direction);
  const map = layoutAddressMap(plan.map, { showAll: state.showAllNodes });
  root.append(h('p', { class: 'summary' },
    `${plan.graph.components.length} components, ${plan.graph.links.length} links, ${reply.gem5Nodes.length} gem5 nodes · `,
    h('span', { class: reply.findings.errors ? 'error' : '' }, `${reply.findings.errors} errors`), `, ${reply.findings.warnings} warnings · `,
    layout.ranked ? 'ranks as coloured groups' : 'no setRank: the partitioner places every component'));

  if (state.retarget) root.append(retargetSection(state.retarget, act));

  const graph = graphSvg(layout, state, reply, act);
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph view' },
    button('−', () => graph.zoom(1 / ZOOM_STEP), { 'aria-label': 'Zoom out', title: 'Zoom out (−)' }),
    button('+', () => graph.zoom(ZOOM_STEP), { 'aria-label': 'Zoom in', title: 'Zoom in (+)' }),
    button('Fit', () => graph.fit(), { title: 'Fit the graph (0)' }),
    button(state.direction === 'TB' ? 'Left to right' : 'Top to bottom', () => act.direction(state.direction === 'TB' ? 'LR' : 'TB'), { title: 'Lay the graph out in the other direction' }));
  for (const g of layout.groups) {
    toolbar.append(button(`${g.collapsed ? 'Expand' : 'Collapse'} ${g.label} ×${g.count}`, () => act.toggleGroup(g.id, !g.collapsed), { class: 'group-toggle', 'aria-pressed': String(!g.collapsed) }));
  }
  const frame = h('div', { class: 'graph-frame' }, graph.svg as unknown as Node);
  if (!layout.boxes.length) frame.append(h('p', { class: 'unknown-note' }, 'No SST component the model could follow in this script.'));
  // As tall as the graph needs at 1:1, up to 60% of the panel (CSSOM, which the CSP allows, not a style attribute).
  frame.style.height = `min(60vh, ${Math.max(220, Math.ceil(layout.height) + 24)}px)`;
  root.append(h('h2', {}, 'SST graph'), toolbar, frame);

  root.append(h('h2', {}, 'Address map'));
  root.append(mapSvg(map, reply, state.script ?? plan.file, act, Math.max(360, (root.clientWidth || 1000) - 4)) as unknown as Node);
  if (map.hidden) root.append(h('p', {}, `${map.hidden} node lanes without a mismatch are folded. `, button('Show all nodes', () => act.showAllNodes(true))));
  else if (state.showAllNodes) root.append(h('p', {}, button('Fold nodes without a mismatch', () => act.showAllNodes(false))));

  const list = h('ul', { class: 'mismatches' });
  plan.map.mismatches.forEach((m, i) => {
    const where = m.on.kind === 'memory' ? 'SST memory' : `node ${m.on.node ?? UNKNOWN}`;
    list.append(h('li', {}, activatable(h('span', { class: 'mismatch-item' }, h('b', {}, m.code), ` line ${m.span.start.line + 1} · ${where}: ${m.message}`), `${m.code} line ${m.span.start.line + 1}: ${m.message}`, () => act.openMismatch(i))));
  });
  root.append(h('h2', {}, `Mismatches (${plan.map.mismatches.length})`), plan.map.mismatches.length ? list : h('p', {}, 'None: the rules report no range mismatch for this restore.'));
}

function retargetSection(r: PlanRetarget, act: PlanActions): HTMLElement {
  const ck = r.checkpoint.split('/').filter(Boolean).slice(-2).join('/');
  const sec = h('section', { class: 'retarget', 'aria-label': `Restore with ${ck}` }, h('h2', {}, `With checkpoint ${ck}`));
  if (r.error) sec.append(h('p', { class: 'error' }, r.error));
  else if (!r.changes.length && !r.blockers.length) sec.append(h('p', {}, 'The script already restores this checkpoint.'));
  else {
    sec.append(h('p', {}, 'Point Restore at Checkpoint… would change:'));
    const at = (n: { line: number; file?: string }) => `${n.file ? `${n.file.split('/').pop()} ` : ''}line ${n.line}`;
    sec.append(h('ul', {}, ...r.changes.map((c) => h('li', {}, `${at(c)}: ${c.what}`)), ...r.blockers.map((b) => h('li', { class: 'error' }, `${at(b)}: ${b.message} (edit by hand)`))));
    sec.append(button('Point Restore at Checkpoint…', () => act.retarget()));
  }
  return sec;
}
