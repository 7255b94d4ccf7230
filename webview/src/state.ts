/**
 * The explorer's view state and its pure reducer: host messages and user intents in, a new state out.
 * Rendering reads only this state.
 */
import type { CheckpointSummary, StoreVerification } from '../../server/src/protocol/checkpoint';
import type { CompareResult, HostToView, SectionRow, TagsDiff } from '../../server/src/protocol/webview';

export interface HexView {
  input: string;
  /** What the last successful read showed. */
  store: number | null;
  offset: string | null;
  addr: string | null;
  hex: string;
  error: string | null;
  pending: number | null;
}

export interface ViewState {
  summary: CheckpointSummary | null;
  tagsDiff: TagsDiff | null;
  sections: SectionRow[];
  tab: string;
  filter: string;
  hex: HexView;
  verifying: Record<number, { done: string; total: string }>;
  verified: StoreVerification[] | null;
  occupancy: Record<number, { nonZeroPages: string; totalPages: string }>;
  compare: CompareResult | null;
  error: string | null;
}

export const initialState = (persisted: { tab?: string; hexInput?: string; filter?: string } = {}): ViewState => ({
  summary: null,
  tagsDiff: null,
  sections: [],
  tab: persisted.tab ?? 'summary',
  filter: persisted.filter ?? '',
  hex: { input: persisted.hexInput ?? '', store: null, offset: null, addr: null, hex: '', error: null, pending: null },
  verifying: {},
  verified: null,
  occupancy: {},
  compare: null,
  error: null,
});

export type Intent =
  | { type: 'tab'; tab: string }
  | { type: 'filter'; filter: string }
  | { type: 'hexInput'; input: string }
  | { type: 'hexRequested'; requestId: number }
  | { type: 'verifyStarted' };

export function reduce(state: ViewState, m: HostToView | Intent): ViewState {
  switch (m.type) {
    case 'summary':
      return { ...state, summary: m.summary, sections: m.sections, tagsDiff: m.tagsDiff ?? null, error: null };
    case 'bytes':
      if (state.hex.pending !== null && m.requestId !== state.hex.pending) return state; // a newer read is under way
      return { ...state, hex: { ...state.hex, store: m.store, offset: m.offset, addr: m.addr, hex: m.hex, error: null, pending: null } };
    case 'nextNonZero':
      return state;
    case 'verifyProgress':
      return { ...state, verifying: { ...state.verifying, [m.store]: { done: m.done, total: m.total } } };
    case 'verifyResult':
      return { ...state, verifying: {}, verified: m.results };
    case 'occupancy':
      return { ...state, occupancy: { ...state.occupancy, [m.store]: { nonZeroPages: m.nonZeroPages, totalPages: m.totalPages } } };
    case 'compare':
      return { ...state, compare: m.result, tab: 'compare' };
    case 'error':
      if (m.requestId !== undefined && m.requestId === state.hex.pending) return { ...state, hex: { ...state.hex, error: m.message, pending: null } };
      return { ...state, error: m.message };
    case 'tab':
      return { ...state, tab: m.tab };
    case 'filter':
      return { ...state, filter: m.filter };
    case 'hexInput':
      return { ...state, hex: { ...state.hex, input: m.input } };
    case 'hexRequested':
      return { ...state, hex: { ...state.hex, pending: m.requestId, error: null } };
    case 'verifyStarted':
      return { ...state, verified: null, verifying: {} };
    default:
      return state;
  }
}

/** Parses what the user typed in the hex viewer: `0x…` address, or `storeN+0x…` offset. */
export function parseHexInput(input: string): { addr: string } | { store: number; offset: string } | null {
  const t = input.trim().toLowerCase().replace(/_/g, '');
  const store = /^store\s*(\d+)\s*[+:]\s*(0x[0-9a-f]{1,16}|\d+)$/.exec(t);
  if (store) return { store: Number(store[1]), offset: store[2].startsWith('0x') ? store[2] : '0x' + BigInt(store[2]).toString(16) };
  const addr = /^(0x[0-9a-f]{1,16})$/.exec(t);
  return addr ? { addr: addr[1] } : null;
}
