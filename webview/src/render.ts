/** Renders the whole explorer from the view state. */
import { el, tabs } from './components';
import type { ViewState } from './state';
import { compareView, cpusView, hexView, memoryMapView, sectionsView, storesView, summaryView, type Actions } from './views/sections';

export function render(root: HTMLElement, state: ViewState, act: Actions & { tab(id: string): void }): void {
  root.replaceChildren();
  if (state.error && !state.summary) {
    root.append(el('p', { class: 'error', role: 'alert' }, state.error));
    return;
  }
  if (!state.summary) {
    root.append(el('p', {}, 'Loading checkpoint…'));
    return;
  }
  if (state.error) root.append(el('p', { class: 'error', role: 'alert' }, state.error));
  root.append(el('h1', {}, `Checkpoint ${state.summary.path.split('/').filter(Boolean).slice(-2).join('/')}`));
  root.append(tabs([
    { id: 'summary', title: 'Summary', content: el('div', {}, summaryView(state, act), memoryMapView(state)) },
    { id: 'stores', title: 'Stores', content: storesView(state, act) },
    { id: 'cpus', title: 'CPUs', content: cpusView(state) },
    { id: 'sections', title: 'Sections', content: sectionsView(state, act) },
    { id: 'hex', title: 'Hex', content: hexView(state, act) },
    { id: 'compare', title: 'Compare', content: compareView(state, act) },
  ], state.tab, act.tab));
}
