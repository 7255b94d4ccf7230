/**
 * Messages between the checkpoint explorer webview and its host, versioned, with runtime validators used on
 * receipt by both sides (a webview is untrusted input to the host; the host's messages are checked by the view).
 */
import type { CheckpointSummary, StoreVerification } from './checkpoint';

export const WEBVIEW_PROTOCOL_VERSION = 1;
/** The largest read the view may ask for in one message (one hex page is 4 KiB). */
export const MAX_READ_BYTES = 64 * 1024;

export type HexTarget = { addr: string } | { store: number; offset: string };

export interface SectionRow {
  name: string;
  line: number;
  keys: { key: string; value: string; line: number; count: number }[];
}

/** The checkpoint's version tags against those of a gem5 source tree in the workspace. */
export interface TagsDiff {
  tree: string;
  missing: string[];
  unknown: string[];
}

export interface CompareResult {
  other: string;
  curTick: [string | null, string | null];
  stores: { id: number; a: string | null; b: string | null; roleA: string | null; roleB: string | null }[];
  cpusOnlyInA: string[];
  cpusOnlyInB: string[];
  /** Keys whose values differ, as `section:key` (bounded). */
  differingKeys: { section: string; key: string; a: string; b: string }[];
  sectionsOnlyInA: number;
  sectionsOnlyInB: number;
}

export type HostToView =
  | { v: 1; type: 'summary'; summary: CheckpointSummary; sections: SectionRow[]; tagsDiff?: TagsDiff | null }
  | { v: 1; type: 'bytes'; requestId: number; store: number; offset: string; addr: string | null; hex: string }
  | { v: 1; type: 'nextNonZero'; requestId: number; store: number | null; offset: string | null }
  | { v: 1; type: 'verifyProgress'; store: number; done: string; total: string }
  | { v: 1; type: 'verifyResult'; results: StoreVerification[] }
  | { v: 1; type: 'occupancy'; store: number; nonZeroPages: string; totalPages: string }
  | { v: 1; type: 'compare'; result: CompareResult }
  | { v: 1; type: 'error'; requestId?: number; message: string };

export type ViewAction = 'restoreInSst' | 'restoreGem5' | 'verify' | 'replaceRemote';

export type ViewToHost =
  | { v: 1; type: 'ready' }
  | { v: 1; type: 'read'; requestId: number; target: HexTarget; length: number }
  | { v: 1; type: 'nextNonZero'; requestId: number; target: HexTarget }
  | { v: 1; type: 'verify' }
  | { v: 1; type: 'cancel' }
  | { v: 1; type: 'occupancy'; store: number }
  | { v: 1; type: 'openLine'; line: number }
  | { v: 1; type: 'compare' }
  | { v: 1; type: 'action'; action: ViewAction };

const HEX = /^0x[0-9a-fA-F]{1,16}$/;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown, max = 1 << 20): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= max;

export function isHexTarget(t: unknown): t is HexTarget {
  if (!isObj(t)) return false;
  const keys = Object.keys(t).sort().join(',');
  if (keys === 'addr') return typeof t.addr === 'string' && HEX.test(t.addr);
  if (keys === 'offset,store') return isIndex(t.store, 1024) && typeof t.offset === 'string' && HEX.test(t.offset);
  return false;
}

const ACTIONS = new Set<ViewAction>(['restoreInSst', 'restoreGem5', 'verify', 'replaceRemote']);

/** Validates a message from the webview; anything else is dropped by the host. */
export function parseViewToHost(m: unknown): ViewToHost | null {
  if (!isObj(m) || m.v !== WEBVIEW_PROTOCOL_VERSION || typeof m.type !== 'string') return null;
  switch (m.type) {
    case 'ready': case 'verify': case 'cancel': case 'compare':
      return { v: 1, type: m.type };
    case 'read':
      return isIndex(m.requestId, 2 ** 31) && isHexTarget(m.target) && Number.isInteger(m.length) && (m.length as number) > 0 && (m.length as number) <= MAX_READ_BYTES
        ? { v: 1, type: 'read', requestId: m.requestId, target: m.target, length: m.length as number } : null;
    case 'nextNonZero':
      return isIndex(m.requestId, 2 ** 31) && isHexTarget(m.target) ? { v: 1, type: 'nextNonZero', requestId: m.requestId, target: m.target } : null;
    case 'occupancy':
      return isIndex(m.store, 1024) ? { v: 1, type: 'occupancy', store: m.store } : null;
    case 'openLine':
      return isIndex(m.line, 2 ** 31) && (m.line as number) >= 1 ? { v: 1, type: 'openLine', line: m.line as number } : null;
    case 'action':
      return typeof m.action === 'string' && ACTIONS.has(m.action as ViewAction) ? { v: 1, type: 'action', action: m.action as ViewAction } : null;
    default:
      return null;
  }
}

/** Light validation of host messages in the view (the host is trusted, but a stale view may meet a newer host). */
export function parseHostToView(m: unknown): HostToView | null {
  if (!isObj(m) || m.v !== WEBVIEW_PROTOCOL_VERSION || typeof m.type !== 'string') return null;
  const known = ['summary', 'bytes', 'nextNonZero', 'verifyProgress', 'verifyResult', 'occupancy', 'compare', 'error'];
  return known.includes(m.type) ? (m as unknown as HostToView) : null;
}
