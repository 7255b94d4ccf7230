// Checkpoint explorer webview: state + reducer, host messages validated on receipt, render on change.
import './main.css';
import { registerComponents } from './components';
import { parseHostToView } from '../../server/src/protocol/webview';
import { render } from './render';
import { initialState, parseHexInput, reduce, type Intent, type ViewState } from './state';
import { hostApi } from './vscodeApi';

const PAGE = 256;

export function startExplorer(root: HTMLElement): { dispatch(m: unknown): void; state(): ViewState } {
  registerComponents();
  const api = hostApi();
  const persisted = api.getState() ?? {};
  let state = initialState(persisted);
  let requestId = 1;
  let renderQueued = false;

  const persist = () => api.setState({ ...persisted, dir: state.summary?.path ?? persisted.dir, tab: state.tab, hexInput: state.hex.input, filter: state.filter });
  const apply = (m: Parameters<typeof reduce>[1], rerender = true) => {
    state = reduce(state, m);
    persist();
    if (rerender && !renderQueued) {
      renderQueued = true;
      queueMicrotask(() => {
        renderQueued = false;
        render(root, state, actions);
      });
    }
  };
  const intent = (i: Intent, rerender = true) => apply(i, rerender);

  const read = (input: string) => {
    const target = parseHexInput(input);
    if (!target) {
      state = { ...state, hex: { ...state.hex, error: `"${input}" is not 0xADDRESS or storeN+0xOFFSET` } };
      render(root, state, actions);
      return;
    }
    const id = requestId++;
    intent({ type: 'hexInput', input }, false);
    intent({ type: 'hexRequested', requestId: id });
    api.post({ v: 1, type: 'read', requestId: id, target, length: PAGE });
  };

  const actions = {
    tab: (tab: string) => intent({ type: 'tab', tab }, false),
    verify: () => {
      intent({ type: 'verifyStarted' });
      api.post({ v: 1, type: 'verify' });
    },
    cancel: () => api.post({ v: 1, type: 'cancel' }),
    occupancy: (store: number) => api.post({ v: 1, type: 'occupancy', store }),
    openLine: (line: number) => api.post({ v: 1, type: 'openLine', line }),
    filter: (filter: string) => intent({ type: 'filter', filter }),
    hexInput: (input: string) => intent({ type: 'hexInput', input }, false),
    read,
    page: (delta: number) => {
      const h = state.hex;
      if (h.store === null || !h.offset) return;
      const next = BigInt(h.offset) + BigInt(delta * PAGE);
      if (next < 0n) return;
      read(`store${h.store}+0x${next.toString(16)}`);
    },
    nextNonZero: () => {
      const h = state.hex;
      const target = h.store !== null && h.offset ? { store: h.store, offset: '0x' + (BigInt(h.offset) + BigInt(PAGE)).toString(16) } : parseHexInput(h.input);
      if (!target) return;
      api.post({ v: 1, type: 'nextNonZero', requestId: requestId++, target });
    },
    compare: () => api.post({ v: 1, type: 'compare' }),
    action: (action: 'restoreInSst' | 'restoreGem5' | 'verify' | 'replaceRemote') => api.post({ v: 1, type: 'action', action }),
  };

  const dispatch = (raw: unknown) => {
    const m = parseHostToView(raw);
    if (!m) return;
    if (m.type === 'nextNonZero') {
      if (m.store !== null && m.offset) read(`store${m.store}+${m.offset}`);
      else state = { ...state, hex: { ...state.hex, error: 'no non-zero page after this one in the store' } };
    }
    apply(m);
  };
  window.addEventListener('message', (e) => dispatch(e.data));
  render(root, state, actions);
  api.post({ v: 1, type: 'ready' });
  return { dispatch, state: () => state };
}

const app = typeof document !== 'undefined' ? document.getElementById('app') : null;
if (app) startExplorer(app);
