/**
 * The backing stores a gem5 script creates for one run (its argparse values bound), numbered with gem5's rule
 * (domain-spec §1.4): which checkpoint store a restore will load into which memory. Null when any needed value is
 * unknown — the store rules then stay silent rather than guess.
 */
import { computeStoreOrder, type OrderedStore, type StoreMemory } from '../checkpoint/storeOrder';
import { boardMemoryMap, type BoardMemoryMap } from './boardMemoryMap';
import { guardsHold } from './expr';
import type { ArgValues, Gem5ScriptModel, MemoryDecl, PyValue } from './types';
import { parseGem5Size } from './units';

/** VExpress_GEM5 platforms place local memory at 2 GiB (`_mem_regions = [AddrRange("2GiB", size="510GiB")]`); other ISAs differ (boardMemoryMap). */
export const LOCAL_MEMORY_BASE = 0x80000000n;
/** Object paths the stdlib boards give the memories (board.memory… for local, board.remote_memory for remote). */
const LOCAL_NAME = 'board.memory';
const REMOTE_NAME = 'board.remote_memory';

export interface LayoutStore extends OrderedStore {
  role: 'local' | 'remote' | null;
  /** Size of the store: what m5.cpt's range_size must equal. */
  size: bigint | null;
}

export interface StoreLayout {
  stores: LayoutStore[];
  local: { start: bigint; end: bigint; decl: MemoryDecl } | null;
  remote: { start: bigint; end: bigint; decl: MemoryDecl } | null;
  /** The board's memory map the local range was placed by. */
  board: BoardMemoryMap;
}

function intOf(v: PyValue): bigint | null {
  if (v.kind === 'int') return v.value;
  if (v.kind === 'str') {
    const r = parseGem5Size(v.value);
    return r.ok ? r.value : null;
  }
  return null;
}

function sizeOf(decl: MemoryDecl, args: ArgValues): bigint | null {
  return decl.size ? intOf(decl.size.evaluate(args)) : null;
}

/** Memories active in this run (declarations whose `if` guards hold). */
function activeMemories(model: Gem5ScriptModel, args: ArgValues): MemoryDecl[] | null {
  const out: MemoryDecl[] = [];
  for (const m of model.memories) {
    const holds = guardsHold(m.guards, m.guardPolarity, args);
    if (holds === null) return null;
    if (holds) out.push(m);
  }
  return out;
}

/** The run's local and remote memory declarations and the local size, as both read-outs below need them. */
function runMemories(model: Gem5ScriptModel, args: ArgValues): { localDecl: MemoryDecl; remoteDecl: MemoryDecl; localSize: bigint } | null {
  const memories = activeMemories(model, args);
  if (!memories) return null;
  const localDecl = memories.find((m) => m.role === 'local') ?? null;
  const remoteDecl = memories.find((m) => m.role === 'remote') ?? null;
  if (!localDecl || !remoteDecl) return null;
  const localSize = sizeOf(localDecl, args);
  return localSize === null ? null : { localDecl, remoteDecl, localSize };
}

/** `AddrRange(start, end)` / `AddrRange(start, size=…)` given to the remote memory, evaluated; null when absent or unknown. */
function explicitRange(decl: MemoryDecl, args: ArgValues): { start: bigint; end: bigint } | null {
  if (!decl.addrRange) return null;
  const start = intOf(decl.addrRange.start.evaluate(args));
  const endExpr = decl.addrRange.end?.evaluate(args);
  const sizeExpr = decl.addrRange.size?.evaluate(args);
  const end = endExpr ? intOf(endExpr) : start !== null && sizeExpr ? addOrNull(start, intOf(sizeExpr)) : null;
  return start === null || end === null || end <= start ? null : { start, end };
}

/**
 * The remote window when the script gives it as an AddrRange: it does not depend on where the board puts local
 * memory, so it is known even when the store layout is not (a board the model cannot place).
 */
export function explicitRemoteWindow(model: Gem5ScriptModel, args: ArgValues): { start: bigint; end: bigint } | null {
  const mem = runMemories(model, args);
  return mem ? explicitRange(mem.remoteDecl, args) : null;
}

/**
 * The local and remote memory sizes of a run: what each store's range_size must be, known without the board's
 * address map (which only the store order and overlaps need).
 */
export function memorySizes(model: Gem5ScriptModel, args: ArgValues): Record<'local' | 'remote', { size: bigint; decl: MemoryDecl } | null> | null {
  const mem = runMemories(model, args);
  if (!mem) return null;
  const range = explicitRange(mem.remoteDecl, args);
  const remoteSize = mem.remoteDecl.addrRange ? (range ? range.end - range.start : null) : sizeOf(mem.remoteDecl, args);
  return {
    local: { size: mem.localSize, decl: mem.localDecl },
    remote: remoteSize === null ? null : { size: remoteSize, decl: mem.remoteDecl },
  };
}

export function storeLayout(model: Gem5ScriptModel, args: ArgValues): StoreLayout | null {
  const mem = runMemories(model, args);
  if (!mem) return null;
  const { localDecl, remoteDecl, localSize } = mem;
  // Where local memory starts depends on the board's ISA; an unknown board, or a size past what the board is known
  // to lay out in one range, leaves the layout unknown.
  const board = boardMemoryMap(model, args);
  if (!board) return null;
  if (board.localLimit !== null && localSize > board.localLimit && !board.knownPastLimit) return null;
  const local = { start: board.localBase, end: board.localBase + localSize, decl: localDecl };

  let remote: StoreLayout['remote'] = null;
  if (remoteDecl.addrRange) {
    const range = explicitRange(remoteDecl, args);
    if (!range) return null;
    remote = { ...range, decl: remoteDecl };
  } else {
    // ArmSstDMBoard: a remote memory given only a size goes right after local memory; other families place it
    // their own way (the X86 composable board at 4 GiB, say), which the model does not follow.
    if (board.family !== 'arm') return null;
    const size = sizeOf(remoteDecl, args);
    if (size === null) return null;
    remote = { start: local.end, end: local.end + size, decl: remoteDecl };
  }

  const toStoreMemory = (name: string, decl: MemoryDecl, start: bigint, end: bigint): StoreMemory[] => {
    const channels = decl.channels ?? 1;
    const interleaved = decl.interleaved ?? channels > 1;
    const inAddrMap = decl.inAddrMap ?? true;
    if (!interleaved) return [{ name, inAddrMap, ranges: [{ start, end, interleaved: false }] }];
    return Array.from({ length: channels }, (_, i) => ({
      name: `${name}.mem_ctrl${i}`, inAddrMap, ranges: [{ start, end, interleaved: true }],
    }));
  };
  // Order as System.memories lists them (board children: local memory before the remote one).
  const storeMemories = [
    ...toStoreMemory(LOCAL_NAME, localDecl, local.start, local.end),
    ...toStoreMemory(REMOTE_NAME, remoteDecl, remote.start, remote.end),
  ];
  const stores: LayoutStore[] = computeStoreOrder(storeMemories).map((s) => ({
    ...s,
    role: s.memories.every((n) => n.startsWith(REMOTE_NAME)) ? 'remote' : s.memories.every((n) => n.startsWith(LOCAL_NAME)) ? 'local' : null,
    size: s.start !== null && s.end !== null ? s.end - s.start : null,
  }));
  return { stores, local, remote, board };
}

function addOrNull(a: bigint, b: bigint | null): bigint | null {
  return b === null ? null : a + b;
}
