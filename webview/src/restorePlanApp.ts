/** Restore plan webview: the host's messages validated on receipt, the view's choices (groups, zoom) kept in state. */
import { parsePlanHostToView, type PlanViewToHost } from '../../server/src/protocol/planWebview';
import { renderPlan, type PlanActions, type PlanState } from './views/restorePlanView';

export interface PlanApi {
  post(m: PlanViewToHost): void;
  getState(): Partial<PlanState> | undefined;
  setState(s: Partial<PlanState>): void;
}

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

export function planApi(): PlanApi {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return { post: (m) => api.postMessage(m), getState: () => api.getState() as Partial<PlanState> | undefined, setState: (s) => api.setState(s) };
  }
  let st: Partial<PlanState> | undefined;
  return { post: () => undefined, getState: () => st, setState: (s) => (st = s) };
}

export function startPlan(root: HTMLElement, api: PlanApi = planApi()): { dispatch(m: unknown): void; state(): PlanState } {
  const saved = api.getState() ?? {};
  let state: PlanState = {
    script: typeof saved.script === 'string' ? saved.script : null, checkpoint: typeof saved.checkpoint === 'string' ? saved.checkpoint : null,
    notice: null, reply: null, retarget: null, error: null,
    collapse: saved.collapse && typeof saved.collapse === 'object' ? saved.collapse : {}, showAllNodes: saved.showAllNodes === true,
    direction: saved.direction === 'LR' ? 'LR' : 'TB', view: saved.view ?? null,
  };
  // What the panel shows (script, checkpoint: a window reload restores them) and the user's choices persist; the
  // plan itself comes again from the host.
  const persist = () => api.setState({ script: state.script, checkpoint: state.checkpoint, collapse: state.collapse, showAllNodes: state.showAllNodes, direction: state.direction, view: state.view });
  const update = (next: Partial<PlanState>, rerender = true) => {
    state = { ...state, ...next };
    persist();
    if (rerender) renderPlan(root, state, actions);
  };
  const actions: PlanActions = {
    openSource: (file, line) => api.post({ v: 1, type: 'openSource', file, line }),
    openMismatch: (index) => api.post({ v: 1, type: 'openMismatch', index }),
    toggleGroup: (id, collapsed) => update({ collapse: { ...state.collapse, [id]: collapsed }, view: null }),
    showAllNodes: (show) => update({ showAllNodes: show }),
    retarget: () => api.post({ v: 1, type: 'retarget' }),
    viewChanged: (view) => update({ view }, false),
    direction: (direction) => update({ direction, view: null }),
  };
  const dispatch = (raw: unknown) => {
    const m = parsePlanHostToView(raw);
    if (!m) return;
    if (m.type === 'error') update({ error: m.message });
    else update({ script: m.script, checkpoint: m.checkpoint ?? null, notice: m.notice ?? null, reply: m.reply, retarget: m.retarget, error: null });
  };
  window.addEventListener('message', (e) => dispatch(e.data));
  // The address map is drawn at the panel's width: redraw when it changes.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => renderPlan(root, state, actions), 100);
  });
  renderPlan(root, state, actions);
  api.post({ v: 1, type: 'ready' });
  return { dispatch, state: () => state };
}
