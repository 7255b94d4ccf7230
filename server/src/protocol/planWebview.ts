/**
 * Messages between the Restore plan webview and its host, versioned and validated on receipt: the host drops any
 * message from the view that is not exactly one of these (the view is untrusted input), and the view checks the host's.
 */
import type { RestorePlanReply } from './restorePlan';

export const PLAN_PROTOCOL_VERSION = 1;

/** What Point Restore at Checkpoint… would change for the checkpoint the panel was opened with. */
export interface PlanRetarget {
  checkpoint: string;
  /** `file` is set when the line is not in the script (a tasks.json's rank count). */
  changes: { line: number; what: string; file?: string }[];
  blockers: { line: number; message: string; file?: string }[];
  error: string | null;
}

export type PlanHostToView =
  /**
   * `checkpoint`: the one the panel was opened with (the view keeps it for a window reload); `notice`: a message
   * shown above the plan (e.g. that checkpoint is gone).
   */
  | { v: 1; type: 'plan'; script: string; checkpoint: string | null; notice: string | null; reply: RestorePlanReply; retarget: PlanRetarget | null }
  | { v: 1; type: 'error'; message: string };

export type PlanViewToHost =
  | { v: 1; type: 'ready' }
  /** A graph element or lane: its source file (one the plan names) and 1-based line. */
  | { v: 1; type: 'openSource'; file: string; line: number }
  /** A mismatch: its index in `plan.map.mismatches`; the host opens its diagnostic's range. */
  | { v: 1; type: 'openMismatch'; index: number }
  /** Run Point Restore at Checkpoint… with the panel's checkpoint. */
  | { v: 1; type: 'retarget' };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min: number, max: number): x is number => Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
const only = (m: Record<string, unknown>, keys: string[]) => Object.keys(m).every((k) => keys.includes(k));

export function parsePlanViewToHost(m: unknown): PlanViewToHost | null {
  if (!isObj(m) || m.v !== PLAN_PROTOCOL_VERSION || typeof m.type !== 'string') return null;
  switch (m.type) {
    case 'ready': case 'retarget':
      return only(m, ['v', 'type']) ? { v: 1, type: m.type } : null;
    case 'openSource':
      return only(m, ['v', 'type', 'file', 'line']) && typeof m.file === 'string' && m.file.length > 0 && m.file.length < 4096 && isInt(m.line, 1, 2 ** 31)
        ? { v: 1, type: 'openSource', file: m.file, line: m.line } : null;
    case 'openMismatch':
      return only(m, ['v', 'type', 'index']) && isInt(m.index, 0, 1 << 20) ? { v: 1, type: 'openMismatch', index: m.index } : null;
    default:
      return null;
  }
}

export function parsePlanHostToView(m: unknown): PlanHostToView | null {
  if (!isObj(m) || m.v !== PLAN_PROTOCOL_VERSION) return null;
  if (m.type === 'error') return typeof m.message === 'string' ? { v: 1, type: 'error', message: m.message } : null;
  if (m.type !== 'plan' || typeof m.script !== 'string' || !isObj(m.reply)) return null;
  const optStr = (x: unknown) => x === undefined || x === null || typeof x === 'string';
  if (!optStr(m.checkpoint) || !optStr(m.notice)) return null;
  const r = m.reply;
  if (!Array.isArray(r.gem5Nodes) || (r.plan !== null && !(isObj(r.plan) && isObj(r.plan.graph) && isObj(r.plan.map)))) return null;
  return m as unknown as PlanHostToView;
}

/** The files a plan names (its script and every source site): the only files the view may ask the host to open. */
export function filesOfPlan(script: string, reply: RestorePlanReply): Set<string> {
  const files = new Set([script]);
  const g = reply.plan?.graph;
  if (!g) return files;
  const visit = (s: { source: { file: string } | null; subcomponents?: unknown[] }) => {
    if (s.source) files.add(s.source.file);
    for (const sub of (s.subcomponents ?? []) as { source: { file: string } | null; subcomponents: unknown[] }[]) visit(sub);
  };
  g.components.forEach(visit);
  for (const l of g.links) if (l.source) files.add(l.source.file);
  for (const m of reply.plan!.map.mismatches) files.add(m.file);
  return files;
}
