/**
 * `inspectCheckpoint`: the fast summary of a checkpoint directory — a streaming m5.cpt parse, a stat and a 4-byte
 * format sniff per file, and store roles from the take run's config.ini. No store is inflated, so it costs the same
 * for a 2 GiB and a 32 GiB store. A bad checkpoint never throws: what is wrong goes into `problems`.
 */
import { open, stat } from './fsLite';
import { resolve } from 'node:path';
import { CODES, type Code } from '../protocol/codes';
import type {
  BridgeSectionSummary,
  CacheSummary,
  CheckpointProblem,
  CheckpointSummary,
  CpuSummary,
  DiskSummary,
  RepeatedKeySummary,
  StoreSummary,
} from '../protocol/checkpoint';
import { MAX_KEYS_PER_SECTION, MAX_SECTIONS, parseIniFile, type IniDocument, type IniSection } from './iniReader';
import { detectStoreFormat } from './pmemStream';
import { naturalCompare } from './naturalOrder';
import { quickCheckStore } from './storeQuickCheck';
import { resolveInside } from './safePath';
import { readTakeConfig, storeRole, type TakeConfig } from './takeConfig';

export const CPT_FILE = 'm5.cpt';
/** A key assigned more often than this in one section is listed as repeated (bridge `data=` lines, huge arrays). */
const REPEATED_KEY_THRESHOLD = 16;

export function problem(code: Code, message: string, file?: string, line?: number): CheckpointProblem {
  const p: CheckpointProblem = { code, severity: CODES.get(code)!.severity, message };
  if (file !== undefined) p.file = file;
  if (line !== undefined) p.line = line;
  return p;
}

export interface ParsedCheckpoint {
  summary: CheckpointSummary;
  /** The parsed m5.cpt (null when it could not be read). */
  cpt: IniDocument | null;
  takeConfig: TakeConfig | null;
}

export async function inspectCheckpoint(dir: string, opts: { signal?: AbortSignal } = {}): Promise<CheckpointSummary> {
  return (await parseCheckpoint(dir, opts)).summary;
}

export async function parseCheckpoint(dir: string, opts: { signal?: AbortSignal } = {}): Promise<ParsedCheckpoint> {
  const path = resolve(dir);
  const summary = emptySummary(path);
  const fail = (code: Code, message: string, file?: string): ParsedCheckpoint => {
    summary.problems.push(problem(code, message, file));
    return { summary, cpt: null, takeConfig: null };
  };
  try {
    if (!(await stat(path)).isDirectory()) return fail('GS401', `${path} is not a directory`);
  } catch {
    return fail('GS401', `checkpoint directory ${path} does not exist`);
  }
  const cptPath = resolve(path, CPT_FILE);
  let cpt: IniDocument;
  try {
    if (!(await stat(cptPath)).isFile()) return fail('GS401', `${CPT_FILE} in ${path} is not a file`, CPT_FILE);
    cpt = await parseIniFile(cptPath, opts.signal);
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('GS401', `no ${CPT_FILE} in ${path}: not a gem5 checkpoint directory`, CPT_FILE);
    return fail('GS401', `cannot read ${CPT_FILE}: ${(e as Error).message}`, CPT_FILE);
  }
  if (cpt.notText) summary.problems.push(problem('GS409', `${CPT_FILE} is not a gem5 checkpoint: ${cpt.notText}`, CPT_FILE));
  else if (cpt.sections.size === 0) summary.problems.push(problem('GS401', `${CPT_FILE} holds no [section]: not a gem5 checkpoint`, CPT_FILE));
  for (const bad of cpt.badLines) {
    summary.problems.push(problem('GS409',
      `line ${bad.line} in [${bad.section}] has no '=' ("${bad.text}"); gem5 refuses to load this m5.cpt`, CPT_FILE, bad.line));
  }
  if (cpt.badLineCount > cpt.badLines.length) {
    summary.problems.push(problem('GS409', `${cpt.badLineCount - cpt.badLines.length} more lines without '='`, CPT_FILE));
  }

  const takeConfig = await readTakeConfig(path, opts.signal);
  summarizeSections(cpt, summary);
  const odd = oddities(cpt);
  if (odd.length) summary.oddities = odd;
  await summarizeStores(cpt, path, takeConfig, summary);
  await summarizeDisks(cpt, path, summary);
  applyTakeConfig(takeConfig, summary);
  return { summary, cpt, takeConfig };
}

function emptySummary(path: string): CheckpointSummary {
  return {
    path, generated: null, curTick: null, versionTags: [], nbrOfStores: null, stores: [], cpus: [], caches: [],
    disks: [], bridges: [], repeatedKeys: [], threadContexts: 0, kvm: null, configIni: null, platform: null,
    sectionCount: 0, problems: [],
  };
}

function summarizeSections(cpt: IniDocument, summary: CheckpointSummary): void {
  summary.sectionCount = cpt.sections.size;
  const header = cpt.preamble.find((l) => l.startsWith('## checkpoint generated:'));
  summary.generated = header ? header.slice('## checkpoint generated:'.length).trim() : null;
  const globals = cpt.sections.get('root.globals') ?? cpt.sections.get('Globals');
  summary.curTick = globals?.entries.get('curTick')?.value ?? null;
  summary.versionTags = (globals?.entries.get('version_tags')?.value ?? '').split(/\s+/).filter(Boolean);
  const tagsLine = globals?.entries.get('version_tags')?.line;
  if (tagsLine !== undefined) summary.versionTagsLine = tagsLine;

  const cpus = new Map<string, CpuSummary>();
  const caches: CacheSummary[] = [];
  const bridges: BridgeSectionSummary[] = [];
  const repeated: RepeatedKeySummary[] = [];
  for (const s of cpt.sections.values()) {
    for (const [key, e] of s.entries) {
      if (key.startsWith('quiesceEndTick_')) summary.threadContexts++;
      if (e.count > REPEATED_KEY_THRESHOLD) {
        repeated.push({ section: s.name, key, count: e.count, firstLine: e.firstLine, lastLine: e.line });
      }
    }
    const bad = s.entries.get('bad_checkpoint');
    if (bad) caches.push({ section: s.name, badCheckpoint: bad.value === 'true', line: s.line });
    if (/\.remoteMemoryStore_\d+$/.test(s.name)) {
      bridges.push({
        section: s.name,
        numMemoryBlocks: s.entries.get('numMemoryBlocks')?.value ?? null,
        dataLines: s.entries.get('data')?.count ?? 0,
        line: s.line,
      });
    }
    if (s.entries.has('instCnt')) cpus.set(s.name, cpuSummary(s));
    if (s.name.endsWith('.kvm_vm')) summary.kvm = true;
  }
  // Thread contexts: `<cpu>.xc.<tid>` sections exist only for CPUs that are not switched out.
  for (const s of cpt.sections.values()) {
    const m = /^(.*)\.xc\.(\d+)$/.exec(s.name);
    const cpu = m && cpus.get(m[1]);
    if (!cpu) continue;
    const pc = s.entries.get('_pc')?.value ?? null;
    cpu.threads.push({
      section: s.name,
      pc,
      pcHex: pc && /^\d+$/.test(pc) ? '0x' + BigInt(pc).toString(16) : null,
      status: s.entries.get('_status')?.value ?? null,
      line: s.line,
    });
    cpu.active = true;
  }
  for (const c of caches) {
    if (c.badCheckpoint) {
      summary.problems.push(problem('GS406',
        `[${c.section}] has bad_checkpoint=true: the cache held dirty data; gem5's classic memory system refuses to restore it`, CPT_FILE, c.line));
    }
  }
  summary.cpus = [...cpus.values()].sort((a, b) => naturalCompare(a.section, b.section));
  summary.caches = caches.sort((a, b) => naturalCompare(a.section, b.section));
  summary.bridges = bridges;
  summary.repeatedKeys = repeated;
}

function cpuSummary(s: IniSection): CpuSummary {
  const m = /\.([a-z_]+?)\d*\.core$/.exec(s.name);
  return {
    section: s.name,
    group: m ? m[1] : 'other',
    active: false,
    instCnt: s.entries.get('instCnt')?.value ?? null,
    threads: [],
    model: null,
    line: s.line,
  };
}

async function summarizeStores(cpt: IniDocument, dir: string, config: TakeConfig | null, summary: CheckpointSummary) {
  for (const s of cpt.sections.values()) {
    const n = s.entries.get('nbr_of_stores');
    if (n && /\.?physmem$/.test(s.name)) summary.nbrOfStores = Number(n.value);
  }
  const storeSections = [...cpt.sections.values()]
    .map((s) => ({ s, m: /(^|\.)physmem\.store(\d+)$/.exec(s.name) }))
    .filter((x): x is { s: IniSection; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[2]) - Number(b.m[2]));
  for (const { s, m } of storeSections) {
    const id = Number(s.entries.get('store_id')?.value ?? m[2]);
    const file = s.entries.get('filename')?.value ?? '';
    const rangeText = s.entries.get('range_size')?.value ?? '';
    const store: StoreSummary = {
      id, file, rangeSize: /^\d+$/.test(rangeText) ? BigInt(rangeText).toString() : rangeText,
      present: false, compressedBytes: null, role: null, start: null, end: null, memories: [], line: s.line,
    };
    if (!/^\d+$/.test(rangeText)) {
      summary.problems.push(problem('GS405', `[${s.name}] range_size "${rangeText}" is not a byte count`, CPT_FILE, s.line));
    }
    summary.stores.push(store);
    await checkStoreFile(dir, s, store, summary);
  }
  if (summary.nbrOfStores !== null && summary.nbrOfStores !== storeSections.length) {
    summary.problems.push(problem('GS404',
      `nbr_of_stores=${summary.nbrOfStores} but m5.cpt has ${storeSections.length} store sections`, CPT_FILE));
  }
  const shared = sharedStoreFiles(cpt, storeSections.map((x) => x.s), summary);
  if (!config) return;
  for (const store of summary.stores) {
    const ordered = config.stores[store.id];
    if (!ordered) continue;
    store.memories = ordered.memories;
    // Two stores reading one file: which memory's image it holds is unknown (never show local memory as remote).
    store.role = shared.has(store.file) ? null : storeRole(ordered, config);
    if (ordered.start !== null) {
      store.start = '0x' + ordered.start.toString(16);
      // The store covers [start, start + range_size): range_size is the truth for the image.
      const size = /^\d+$/.test(store.rangeSize) ? BigInt(store.rangeSize) : null;
      store.end = size !== null ? '0x' + (ordered.start + size).toString(16) : null;
    }
  }
}

/**
 * Stores whose sections name the same file (typically a repeated `[board.physmem.store0]` whose second copy points at
 * store1's file: gem5 merges the copies and the later filename= wins, so store0 is restored from store1's image).
 */
function sharedStoreFiles(cpt: IniDocument, sections: IniSection[], summary: CheckpointSummary): Set<string> {
  const byFile = new Map<string, number[]>();
  for (const st of summary.stores) if (st.file) byFile.set(st.file, [...(byFile.get(st.file) ?? []), st.id]);
  const shared = new Set<string>();
  for (const [file, ids] of byFile) {
    if (ids.length < 2) continue;
    shared.add(file);
    const repeated = cpt.duplicateSections.filter((d) => sections.some((s) => s.name === d.name));
    const why = repeated.length
      ? ` ([${repeated[0].name}] appears twice, lines ${repeated[0].firstLine} and ${repeated[0].line}; gem5 merges the copies and the later filename= wins)`
      : '';
    summary.problems.push(problem('GS211',
      `stores ${ids.map((i) => `store${i}`).join(' and ')} all read ${file}${why}: gem5 restores them from one image, so one memory gets another's contents`,
      CPT_FILE, repeated[0]?.line ?? sections.find((s) => s.entries.get('filename')?.value === file)?.line));
  }
  return shared;
}

function oddities(cpt: IniDocument): string[] {
  const out = cpt.duplicateSections.map((d) => `[${d.name}] appears again at line ${d.line} (first at line ${d.firstLine}); gem5 merges the two and later keys win`);
  if (cpt.duplicateSectionCount > cpt.duplicateSections.length) out.push(`${cpt.duplicateSectionCount - cpt.duplicateSections.length} more repeated section headers`);
  if (cpt.droppedKeys) out.push(`${cpt.droppedKeys} distinct keys past ${MAX_KEYS_PER_SECTION} in a section were counted, not kept (gem5 writes far fewer)`);
  if (cpt.droppedSections) out.push(`${cpt.droppedSections} sections past ${MAX_SECTIONS} were counted, not kept`);
  return out;
}

async function checkStoreFile(dir: string, s: IniSection, store: StoreSummary, summary: CheckpointSummary) {
  const line = s.entries.get('filename')?.line ?? s.line;
  if (!store.file) {
    summary.problems.push(problem('GS404', `[${s.name}] has no filename=`, CPT_FILE, s.line));
    return;
  }
  const target = resolveInside(dir, store.file);
  if (!target) {
    const why = /[/\\]$/.test(store.file) ? 'ends with a path separator, so it names a directory, not a store file (gem5 cannot open it)'
      : 'points outside the checkpoint directory; refusing to read it';
    summary.problems.push(problem('GS404', `[${s.name}] filename=${store.file} ${why}`, CPT_FILE, line));
    return;
  }
  try {
    const st = await stat(target);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    store.present = true;
    store.compressedBytes = String(st.size);
    // Cheap checks (a few bytes: header, trailer ISIZE, a size floor) find truncated and foreign stores without
    // inflating; the full inflate stays with verify / --verify-stores.
    const bad = /^\d+$/.test(store.rangeSize) ? await quickCheckStore(target, BigInt(store.rangeSize)) : await formatProblem(target);
    if (bad) summary.problems.push(problem('GS405', `${store.file}: ${bad}`, store.file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'is missing' : `cannot be read (${(e as Error).message})`;
    summary.problems.push(problem('GS404',
      `${store.file} named in [${s.name}] ${why}: gem5 aborts the restore with "Can't open physical memory checkpoint file"`,
      CPT_FILE, line));
  }
}

async function summarizeDisks(cpt: IniDocument, dir: string, summary: CheckpointSummary) {
  for (const s of cpt.sections.values()) {
    const cow = s.entries.get('cowFilename');
    if (!cow) continue;
    const disk: DiskSummary = { section: s.name, cowFilename: cow.value, present: false, bytes: null, sectors: null, line: s.line };
    summary.disks.push(disk);
    const target = resolveInside(dir, cow.value);
    if (!target) {
      summary.problems.push(problem('GS404',
        `[${s.name}] cowFilename=${cow.value} points outside the checkpoint directory; refusing to read it`, CPT_FILE, cow.line));
      continue;
    }
    try {
      const st = await stat(target);
      disk.present = st.isFile();
      disk.bytes = String(st.size);
      disk.sectors = await readCowSectorCount(target);
    } catch {
      summary.problems.push(problem('GS404',
        `${cow.value} named in [${s.name}] is missing: gem5 restores without it and the disk writes made before the checkpoint are silently lost`,
        CPT_FILE, cow.line));
    }
  }
}

/** Sector count from a CowDiskImage header ("COWDISK!", u32 major 1, u32 minor 0, u64 count; little-endian). */
async function readCowSectorCount(path: string): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(24);
    const { bytesRead } = await fh.read(head, 0, 24, 0);
    if (bytesRead < 24 || head.toString('latin1', 0, 8) !== 'COWDISK!') return null;
    return head.readBigUInt64LE(16).toString();
  } finally {
    await fh.close();
  }
}

function applyTakeConfig(config: TakeConfig | null, summary: CheckpointSummary): void {
  if (!config) return;
  summary.configIni = config.path;
  summary.platform = config.platform;
  if (config.kvm) summary.kvm = true;
  else if (summary.kvm === null && config.cpuTypes.size) summary.kvm = false;
  for (const cpu of summary.cpus) cpu.model = config.cpuTypes.get(cpu.section) ?? null;
}

async function formatProblem(path: string): Promise<string | null> {
  const format = await detectStoreFormat(path);
  return format.kind === 'gzip' ? null : format.description;
}
