/** Each part of the explorer as a render function of the view state. */
import type { ViewState } from '../state';
import { badge, button, el, table, textField } from '../components';
import { formatBytes, hexRows, seconds } from './format';

export interface Actions {
  verify(): void;
  cancel(): void;
  occupancy(store: number): void;
  openLine(line: number): void;
  filter(text: string): void;
  hexInput(text: string): void;
  read(input: string): void;
  page(delta: number): void;
  nextNonZero(): void;
  compare(): void;
  action(a: 'restoreInSst' | 'restoreGem5' | 'verify' | 'replaceRemote'): void;
}

export function summaryView(s: ViewState, act: Actions): HTMLElement {
  const sum = s.summary!;
  const dl = el('dl', { class: 'facts' });
  const fact = (k: string, v: string | Node) => dl.append(el('dt', {}, k), el('dd', {}, v));
  fact('Path', sum.path);
  fact('curTick', `${sum.curTick ?? '?'} (${seconds(sum.curTick)} simulated)`);
  if (sum.generated) fact('Generated', sum.generated);
  const d = s.tagsDiff;
  const diff = !d ? '' : !d.missing.length && !d.unknown.length ? ` — same as the gem5 tree at ${d.tree}`
    : ` — against the gem5 tree at ${d.tree}: ${d.missing.length ? `missing ${d.missing.join(', ')}` : ''}${d.missing.length && d.unknown.length ? '; ' : ''}${d.unknown.length ? `unknown ${d.unknown.join(', ')}` : ''}`;
  fact('Version tags', `${sum.versionTags.length}${diff}`);
  fact('Take run config', sum.configIni ?? 'config.ini not found: store roles and addresses are unknown');
  if (sum.platform) fact('Platform', sum.platform);
  fact('KVM at take', sum.kvm === null ? 'unknown' : sum.kvm ? 'yes' : 'no');
  const problems = el('section', { 'aria-label': 'Problems' }, el('h2', {}, `Problems (${sum.problems.length})`));
  if (!sum.problems.length) problems.append(el('p', {}, 'No problems found.'));
  else problems.append(el('ul', {}, ...sum.problems.map((p) => el('li', { class: `problem ${p.severity}` }, `${p.code} `, p.message))));
  const actions = el('div', { class: 'actions' },
    button('Restore in SST', () => act.action('restoreInSst')), button('Restore gem5 only', () => act.action('restoreGem5'), { secondary: true }),
    button('Verify stores', () => act.verify(), { secondary: true }), button('Replace remote image…', () => act.action('replaceRemote'), { secondary: true }),
    button('Compare with…', () => act.compare(), { secondary: true }));
  return el('div', { class: 'summary' }, dl, actions, problems);
}

/** The physical address space: stores placed at their start, scaled, local and remote marked; unknown shown apart. */
export function memoryMapView(s: ViewState): HTMLElement {
  const stores = s.summary!.stores;
  const known = stores.filter((st) => st.start && st.end);
  const wrap = el('section', { 'aria-label': 'Memory map' }, el('h2', {}, 'Memory map'));
  if (known.length) {
    const min = known.reduce((m, st) => (BigInt(st.start!) < m ? BigInt(st.start!) : m), BigInt(known[0].start!));
    const max = known.reduce((m, st) => (BigInt(st.end!) > m ? BigInt(st.end!) : m), BigInt(known[0].end!));
    const span = Number(max - min) || 1;
    const bar = el('div', { class: 'memmap', role: 'list' });
    for (const st of [...known].sort((a, b) => (BigInt(a.start!) < BigInt(b.start!) ? -1 : 1))) {
      const left = (Number(BigInt(st.start!) - min) / span) * 100;
      const width = Math.max(2, (Number(BigInt(st.end!) - BigInt(st.start!)) / span) * 100);
      const block = el('div', { class: `region ${st.role ?? 'unknown'}`, role: 'listitem', title: `${st.file}: [${st.start}, ${st.end})` },
        el('strong', {}, `store${st.id} · ${st.role ?? 'role unknown'}`), el('span', {}, `${st.start} · ${formatBytes(st.rangeSize)}`));
      block.style.left = `${left}%`;
      block.style.width = `${width}%`;
      bar.append(block);
    }
    wrap.append(bar, el('p', { class: 'axis' }, `0x${min.toString(16)}`, el('span', {}, `0x${max.toString(16)}`)));
  }
  const unknown = stores.filter((st) => !st.start);
  if (unknown.length) wrap.append(el('p', { class: 'unknown-note' }, `Address unknown (no take-run config.ini): ${unknown.map((st) => `store${st.id} (${formatBytes(st.rangeSize)})`).join(', ')} — not guessed.`));
  return wrap;
}

export function storesView(s: ViewState, act: Actions): HTMLElement {
  const sum = s.summary!;
  const rows = sum.stores.map((st) => {
    const ratio = st.compressedBytes && /^\d+$/.test(st.rangeSize) && Number(st.compressedBytes) > 0 ? `${(Number(st.rangeSize) / Number(st.compressedBytes)).toFixed(0)}:1` : '–';
    const v = s.verified?.find((r) => r.id === st.id);
    const prog = s.verifying[st.id];
    const verified = prog ? `${Number((BigInt(prog.done) * 100n) / (BigInt(prog.total) || 1n))}%` : v ? (v.ok ? 'ok' : `broken: ${v.problems[0]?.message ?? ''}`) : 'not verified';
    const occ = s.occupancy[st.id];
    const occCell: Node = occ ? document.createTextNode(`${occ.nonZeroPages} / ${occ.totalPages} pages non-zero`) : button('Count', () => act.occupancy(st.id), { secondary: true, title: `Count non-zero pages of store${st.id}` });
    return [`store${st.id}`, st.file, `${formatBytes(st.rangeSize)} (${st.rangeSize})`, formatBytes(st.compressedBytes), ratio, st.present ? 'yes' : 'MISSING', st.role ?? 'unknown', verified, occCell];
  });
  const running = Object.keys(s.verifying).length > 0;
  return el('section', { 'aria-label': 'Stores' }, el('h2', {}, 'Stores'),
    table(['Store', 'File', 'range_size', 'Compressed', 'Ratio', 'Present', 'Role', 'Verified', 'Occupancy'], rows),
    el('div', { class: 'actions' }, running ? button('Cancel', () => act.cancel(), { secondary: true }) : button('Verify all stores', () => act.verify(), { id: 'verify' })));
}

export function cpusView(s: ViewState): HTMLElement {
  const sum = s.summary!;
  const rows = sum.cpus.map((c) => [c.section, c.active ? 'active' : 'switched out', c.model ?? 'unknown', String(c.threads.length), c.threads.map((t) => t.pcHex ?? '?').join(', '), c.instCnt ?? '?']);
  return el('section', { 'aria-label': 'CPUs' }, el('h2', {}, `CPUs (${sum.cpus.length}, ${sum.threadContexts} thread contexts${sum.kvm ? ', KVM' : ''})`),
    table(['Section', 'State', 'Model', 'Threads', 'PC', 'instCnt'], rows));
}

export function sectionsView(s: ViewState, act: Actions): HTMLElement {
  const f = s.filter.toLowerCase();
  const shown = s.sections.filter((sec) => !f || sec.name.toLowerCase().includes(f) || sec.keys.some((k) => k.key.toLowerCase().includes(f))).slice(0, 300);
  const list = el('ul', { class: 'sections' });
  for (const sec of shown) {
    const head = el('a', { href: '#', class: 'section-name' }, `[${sec.name}]`);
    head.addEventListener('click', (e) => {
      e.preventDefault();
      act.openLine(sec.line);
    });
    const keys = el('ul', {}, ...sec.keys.slice(0, 40).map((k) => el('li', {}, el('code', {}, `${k.key}=${k.value.length > 120 ? k.value.slice(0, 120) + '…' : k.value}`), k.count > 1 ? badge(`×${k.count}`, 'repeated key: last value shown') : '')));
    list.append(el('li', {}, head, ` line ${sec.line}`, keys));
  }
  return el('section', { 'aria-label': 'Sections' }, el('h2', {}, `Sections (${s.sections.length})`),
    textField({ id: 'section-filter', label: 'Filter sections and keys', value: s.filter, placeholder: 'e.g. physmem', onInput: act.filter }), list);
}

export function hexView(s: ViewState, act: Actions): HTMLElement {
  const h = s.hex;
  const base = h.addr ? BigInt(h.addr) : h.offset ? BigInt(h.offset) : 0n;
  const pre = el('pre', { class: 'hex', id: 'hex-dump', 'aria-label': 'Bytes' });
  for (const r of hexRows(h.hex, base)) pre.append(`${r.addr}  ${r.bytes.padEnd(47)}  ${r.ascii}\n`);
  const where = h.store !== null ? `store${h.store} + ${h.offset}${h.addr ? ` = address ${h.addr}` : ''}` : 'Type a physical address (0x100000000) or storeN+0xOFFSET';
  return el('section', { 'aria-label': 'Hex viewer' }, el('h2', {}, 'Hex viewer'),
    el('div', { class: 'actions' },
      textField({ id: 'hex-input', label: 'Address or store offset', value: h.input, placeholder: '0x100000000 or store0+0x0', onInput: act.hexInput, onEnter: act.read }),
      button('Read', () => act.read(h.input), { id: 'hex-read' }), button('◀ Page', () => act.page(-1), { secondary: true }), button('Page ▶', () => act.page(1), { secondary: true }),
      button('Next non-zero page', () => act.nextNonZero(), { secondary: true, id: 'hex-next' })),
    el('p', { class: 'hex-where' }, h.error ? `Error: ${h.error}` : where), pre);
}

export function compareView(s: ViewState, act: Actions): HTMLElement {
  const c = s.compare;
  if (!c) return el('section', { 'aria-label': 'Compare' }, el('p', {}, 'Compare this checkpoint with another one.'), button('Choose a checkpoint…', () => act.compare()));
  return el('section', { 'aria-label': 'Compare' }, el('h2', {}, `Compared with ${c.other}`),
    el('p', {}, `curTick ${c.curTick[0] ?? '?'} vs ${c.curTick[1] ?? '?'}`),
    table(['Store', 'range_size (this)', 'range_size (other)', 'Role (this)', 'Role (other)'], c.stores.map((st) => [`store${st.id}`, st.a ?? '–', st.b ?? '–', st.roleA ?? '?', st.roleB ?? '?'])),
    el('p', {}, `CPU sections only here: ${c.cpusOnlyInA.join(', ') || 'none'}; only there: ${c.cpusOnlyInB.join(', ') || 'none'}. Sections only here: ${c.sectionsOnlyInA}, only there: ${c.sectionsOnlyInB}.`),
    table(['Section', 'Key', 'This', 'Other'], c.differingKeys.slice(0, 200).map((d) => [d.section, d.key, d.a, d.b]), `${c.differingKeys.length} differing keys`));
}
