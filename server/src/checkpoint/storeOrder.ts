/**
 * gem5's backing-store numbering (PhysicalMemory constructor, src/mem/physical.cc; domain-spec §1.4).
 * m5.cpt records only each store's size, so which memory a `storeN` backs must be recomputed from the
 * configuration: the restore script's memories, or the take run's config.ini.
 *
 *  1. Memories not in the address map (the SST bridge) get stores first, in the order the system lists them.
 *  2. Then the address map in increasing address order: a plain range gets a store at once; interleaved ranges
 *     (channels of a multi-channel memory) are collected and merged, and the merged store is created only when a
 *     range that does not merge with them appears, or after the loop.
 */

export interface StoreRange {
  start: bigint;
  /** Exclusive. */
  end: bigint;
  /** Part of a multi-channel (interleaved) memory: channels with the same [start, end) share one store. */
  interleaved: boolean;
}

export interface StoreMemory {
  /** SimObject path, e.g. "board.memory.mem_ctrl.dram" or "board.remote_memory". */
  name: string;
  inAddrMap: boolean;
  /** Null memories (darchr `null=True`) get no store. */
  isNull?: boolean;
  ranges: StoreRange[];
}

export interface OrderedStore {
  index: number;
  /** Memories backed by the store (several for a merged interleaved store). */
  memories: string[];
  start: bigint | null;
  end: bigint | null;
}

export function computeStoreOrder(memories: readonly StoreMemory[]): OrderedStore[] {
  const stores: OrderedStore[] = [];
  const push = (names: string[], start: bigint | null, end: bigint | null) =>
    stores.push({ index: stores.length, memories: [...new Set(names)], start, end });

  for (const m of memories) {
    if (!m.inAddrMap && !m.isNull) {
      const start = m.ranges.length ? m.ranges[0].start : null;
      const end = m.ranges.length ? m.ranges[m.ranges.length - 1].end : null;
      push([m.name], start, end);
    }
  }

  const addrMap = memories
    .filter((m) => m.inAddrMap && !m.isNull)
    .flatMap((m) => m.ranges.map((r) => ({ ...r, name: m.name })))
    // The sign of the bigint difference: exact at any address (a nonzero bigint never converts to 0), and all sort reads.
    .sort((a, b) => Number(a.start - b.start));

  let pending: { start: bigint; end: bigint; names: string[] } | null = null;
  for (const r of addrMap) {
    if (!r.interleaved) {
      push([r.name], r.start, r.end);
      continue;
    }
    if (pending && (pending.start !== r.start || pending.end !== r.end)) {
      push(pending.names, pending.start, pending.end);
      pending = null;
    }
    if (pending) pending.names.push(r.name);
    else pending = { start: r.start, end: r.end, names: [r.name] };
  }
  if (pending) push(pending.names, pending.start, pending.end);
  return stores;
}
