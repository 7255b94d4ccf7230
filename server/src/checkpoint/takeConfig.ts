/**
 * The take run's config.ini (domain-spec §1.1, §1.3–1.4). m5.cpt records only store sizes; config.ini, written into
 * the run's outdir (the checkpoint's parent when the script saved to `<outdir>/checkpoint`), is the only place that
 * records which memories exist, their address ranges, whether they are in the address map, and the CPU classes.
 */
import { stat } from './fsLite';
import { dirname, join } from 'node:path';
import { computeStoreOrder, type OrderedStore, type StoreMemory } from './storeOrder';
import { parseIniFile, type IniDocument, type IniSection } from './iniReader';
import type { StoreRole } from '../protocol/checkpoint';

export interface TakeMemory extends StoreMemory {
  type: string | null;
}

export interface TakeConfig {
  /** Absolute path of the config.ini read. */
  path: string;
  memories: TakeMemory[];
  /** CPU section → class, e.g. "board.processor.cores0.core" → "ArmAtomicSimpleCPU". */
  cpuTypes: Map<string, string>;
  platform: string | null;
  kvm: boolean;
  stores: OrderedStore[];
}

/** SimObject classes that stand for the remote (SST-side or far) memory. */
const REMOTE_TYPES = new Set(['OutgoingRequestBridge', 'ExternalMemory', 'RemoteMemoryOutgoingBridge']);

/** Parses gem5's AddrRange ini form `start:end[:intlvMatch:mask…]` (end exclusive); null when malformed. */
export function parseIniAddrRange(text: string): { start: bigint; end: bigint; interleaved: boolean } | null {
  const parts = text.trim().split(':');
  if (parts.length < 2 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const start = BigInt(parts[0]);
  const end = BigInt(parts[1]);
  if (end < start) return null;
  // Interleaved ranges carry intlvMatch and at least one non-zero mask.
  const interleaved = parts.length > 3 && parts.slice(3).some((m) => m !== '0');
  return { start, end, interleaved };
}

function isMemorySection(s: IniSection): boolean {
  return s.entries.has('in_addr_map') && s.entries.has('range');
}

function memoryFromSection(s: IniSection): TakeMemory {
  const e = (k: string) => s.entries.get(k)?.value;
  const range = parseIniAddrRange(e('range') ?? '');
  return {
    name: s.name,
    type: e('type') ?? null,
    inAddrMap: e('in_addr_map') !== 'false',
    isNull: e('null') === 'true',
    ranges: range ? [range] : [],
  };
}

/** Memories in the order gem5 walks them: the system's `memories=` list when present, else file order. */
function orderedMemories(doc: IniDocument): TakeMemory[] {
  const all = [...doc.sections.values()].filter(isMemorySection);
  const system = doc.sections.get('board')?.entries.get('memories')
    ?? [...doc.sections.values()].find((s) => s.entries.has('memories') && s.entries.has('mem_mode'))?.entries.get('memories');
  if (!system) return all.map(memoryFromSection);
  const byName = new Map(all.map((s) => [s.name, s]));
  const listed = system.value.split(/\s+/).filter(Boolean);
  const result: TakeMemory[] = [];
  for (const name of listed) {
    const s = byName.get(name);
    if (s) result.push(memoryFromSection(s));
  }
  return result;
}

export function takeConfigFromIni(doc: IniDocument, path: string): TakeConfig {
  const memories = orderedMemories(doc);
  const cpuTypes = new Map<string, string>();
  let platform: string | null = null;
  let kvm = false;
  for (const s of doc.sections.values()) {
    const type = s.entries.get('type')?.value;
    if (!type) continue;
    if (/CPU$/.test(type) && s.entries.has('numThreads')) cpuTypes.set(s.name, type);
    if (/Kvm/.test(type)) kvm = true;
    if (/^VExpress_|^RealView/.test(type) && !platform) platform = type;
  }
  return { path, memories, cpuTypes, platform, kvm, stores: computeStoreOrder(memories) };
}

/** Reads `config.ini` from the checkpoint's parent directory; null when absent or unreadable. */
export async function readTakeConfig(checkpointDir: string, signal?: AbortSignal): Promise<TakeConfig | null> {
  const path = join(dirname(checkpointDir.replace(/\/+$/, '')), 'config.ini');
  try {
    const st = await stat(path);
    if (!st.isFile()) return null;
    return takeConfigFromIni(await parseIniFile(path, signal), path);
  } catch {
    return null;
  }
}

/** Role of a store from the memories it backs; null when nothing says which it is. */
export function storeRole(store: OrderedStore, config: TakeConfig): StoreRole | null {
  const mems = store.memories.map((n) => config.memories.find((m) => m.name === n));
  const isRemote = (m: TakeMemory | undefined) =>
    !!m && ((m.type !== null && REMOTE_TYPES.has(m.type)) || /(^|\.)remote_memory(\.|$)/.test(m.name));
  const isLocal = (m: TakeMemory | undefined) =>
    !!m && /(^|\.)(memory|local_memory)(\.|$)/.test(m.name) && !isRemote(m);
  if (mems.length && mems.every(isRemote)) return 'remote';
  if (mems.length && mems.every(isLocal)) return 'local';
  return null;
}
