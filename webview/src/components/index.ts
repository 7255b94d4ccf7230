/**
 * Every use of @vscode/webview-ui-toolkit lives here, behind small factory functions: the toolkit is end-of-life,
 * and swapping it for @vscode-elements means changing only this file.
 */
import {
  provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDivider, vsCodePanels, vsCodePanelTab, vsCodePanelView,
  vsCodeProgressRing, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeBadge(), vsCodeDivider(), vsCodeProgressRing(),
    vsCodePanels(), vsCodePanelTab(), vsCodePanelView());
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; id?: string; title?: string } = {}): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  if (opts.secondary) b.setAttribute('appearance', 'secondary');
  if (opts.id) b.id = opts.id;
  if (opts.title) b.setAttribute('title', opts.title);
  b.addEventListener('click', onClick);
  return b;
}

export function textField(opts: { id: string; label: string; value?: string; placeholder?: string; onInput?: (v: string) => void; onEnter?: (v: string) => void }): HTMLElement {
  const f = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  f.id = opts.id;
  f.setAttribute('aria-label', opts.label);
  if (opts.placeholder) f.setAttribute('placeholder', opts.placeholder);
  f.setAttribute('value', opts.value ?? '');
  f.value = opts.value ?? '';
  f.textContent = opts.label;
  const read = () => (f as { value: string }).value ?? f.getAttribute('value') ?? '';
  if (opts.onInput) f.addEventListener('input', () => opts.onInput!(read()));
  if (opts.onEnter) f.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') opts.onEnter!(read());
  });
  return f;
}

export function badge(text: string, title?: string): HTMLElement {
  const b = document.createElement('vscode-badge');
  b.textContent = text;
  if (title) b.setAttribute('title', title);
  return b;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function progress(label: string): HTMLElement {
  const p = document.createElement('vscode-progress-ring');
  p.setAttribute('aria-label', label);
  return p;
}

export interface Tab {
  id: string;
  title: string;
  content: HTMLElement;
}

/** Tabbed panels; `onSelect` reports the tab the user activates so the view state can remember it. */
export function tabs(items: Tab[], active: string, onSelect: (id: string) => void): HTMLElement {
  const panels = document.createElement('vscode-panels');
  panels.setAttribute('activeid', `tab-${active}`);
  panels.setAttribute('aria-label', 'Checkpoint explorer sections');
  for (const t of items) {
    const tab = document.createElement('vscode-panel-tab');
    tab.id = `tab-${t.id}`;
    tab.textContent = t.title;
    tab.addEventListener('click', () => onSelect(t.id));
    panels.append(tab);
  }
  for (const t of items) {
    const view = document.createElement('vscode-panel-view');
    view.id = `view-${t.id}`;
    view.append(t.content);
    panels.append(view);
  }
  return panels;
}

/** A plain, accessible table (header cells with scope). */
export function table(headers: string[], rows: (string | Node)[][], caption?: string): HTMLTableElement {
  const t = el('table');
  if (caption) t.append(el('caption', {}, caption));
  const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  for (const r of rows) body.append(el('tr', {}, ...r.map((c) => el('td', {}, c))));
  t.append(body);
  return t;
}
