/**
 * Where a board puts local memory, by board family: the address map differs per ISA, and a store layout built on
 * another ISA's base gives wrong addresses, overlaps and store order. Null when the board (and so the map) is unknown.
 *
 * Sources (gem5 stdlib and the darchr disaggregated-memory boards):
 * - Arm boards (ArmBoard and the Arm*DMBoard family): VExpress_GEM5 `_mem_regions = [AddrRange("2GiB", size="510GiB")]`,
 *   local memory from 0x80000000; "Memory size too big for platform capabilities" past 510 GiB.
 * - RISC-V boards (RiscvBoard and derived): `mem_ranges = [AddrRange(start=0x80000000, size=memory.get_size())]`.
 * - X86 boards (X86Board and derived, e.g. X86ComposableMemoryBoard): local memory `AddrRange(0, size)` below the
 *   I/O hole at 0xC0000000; the stdlib X86Board raises "X86Board currently only supports memory sizes up to 3GB
 *   because of the I/O hole." above 3 GiB. A derived board may map more (or split it around the hole), so past 3 GiB
 *   only the stdlib X86Board's answer is known.
 */
import { guardsHold } from './expr';
import type { ArgValues, BoardDecl, Gem5ScriptModel } from './types';

const GiB = 1n << 30n;

export type BoardFamily = 'arm' | 'riscv' | 'x86';

export interface BoardMemoryMap {
  family: BoardFamily;
  /** The board classes this map is for (one or more when several branches build boards of one family). */
  boards: string[];
  /** Start of local memory. */
  localBase: bigint;
  /** Largest local memory the board accepts; null when the board sets no limit the model knows. */
  localLimit: bigint | null;
  /** What stops a larger local memory (for messages), when `localLimit` is set. */
  limitReason: string | null;
  /**
   * Whether local memory larger than `localLimit` is still laid out from `localBase` in one range (true for the
   * boards that check and fail: the size is an error, not an unknown map).
   */
  knownPastLimit: boolean;
}

/** The board family a class name belongs to, or null when the name does not say (a custom board). */
export function boardFamily(className: string): BoardFamily | null {
  if (/^Arm/.test(className)) return 'arm';
  if (/^(?:Riscv|RISCV)/.test(className)) return 'riscv';
  if (/^X86/.test(className)) return 'x86';
  return null;
}

function mapFor(family: BoardFamily, boards: string[]): BoardMemoryMap {
  switch (family) {
    case 'arm':
      return { family, boards, localBase: 0x80000000n, localLimit: 510n * GiB, knownPastLimit: true,
        limitReason: `exceeds the VExpress platform's 510 GiB region: "Memory size too big for platform capabilities"` };
    case 'riscv':
      return { family, boards, localBase: 0x80000000n, localLimit: null, limitReason: null, knownPastLimit: true };
    case 'x86': {
      // Only the stdlib class itself is known to refuse more; a derived board may lay out more memory its own way.
      const stdlibOnly = boards.every((b) => b === 'X86Board');
      return { family, boards, localBase: 0n, localLimit: 3n * GiB, knownPastLimit: stdlibOnly,
        limitReason: `exceeds the 3 GiB below X86's I/O hole at 0xc0000000: X86Board raises "X86Board currently only supports memory sizes up to 3GB because of the I/O hole."` };
    }
  }
}

/** Boards that may be built in this run: those whose guards hold or cannot be decided. */
function possibleBoards(model: Gem5ScriptModel, args: ArgValues): BoardDecl[] {
  const all = model.boards?.length ? model.boards : model.board ? [model.board] : [];
  return all.filter((b) => guardsHold(b.guards, b.guardPolarity, args) !== false);
}

/**
 * The family of the board a run builds: every board it may build must be of one known family (a unified script
 * builds one per branch; an undecidable branch between an Arm and an X86 board leaves it unknown).
 */
export function runBoardFamily(model: Gem5ScriptModel, args: ArgValues): { family: BoardFamily; boards: BoardDecl[] } | null {
  const boards = possibleBoards(model, args);
  if (!boards.length) return null;
  const families = new Set(boards.map((b) => boardFamily(b.className)));
  if (families.size !== 1) return null;
  const [family] = families;
  return family ? { family, boards } : null;
}

/** The local-memory map of the board a run builds, or null when its family is unknown. */
export function boardMemoryMap(model: Gem5ScriptModel, args: ArgValues): BoardMemoryMap | null {
  const known = runBoardFamily(model, args);
  return known ? mapFor(known.family, [...new Set(known.boards.map((b) => b.className))]) : null;
}
