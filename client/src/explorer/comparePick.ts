/**
 * "Compare with…": the checkpoints the workspace already knows, each with its tick and memory size, then "Browse…".
 * Pure: no `vscode` import, so it is unit-tested directly.
 */
import { formatSizeText } from '../../../server/src/protocol/format';
import type { CheckpointSummary } from '../../../server/src/protocol/checkpoint';

export const BROWSE = 'Browse…';

export interface ComparePickItem {
  label: string;
  description: string;
  /** null for "Browse…". */
  dir: string | null;
}

/** Memory the stores hold (sum of range_size), or null when a store's size is not a number. */
function memorySize(s: CheckpointSummary): string | null {
  let total = 0n;
  for (const st of s.stores) {
    if (!/^\d+$/.test(st.rangeSize)) return null;
    total += BigInt(st.rangeSize);
  }
  return s.stores.length ? `${formatSizeText(total.toString())} in ${s.stores.length} store${s.stores.length === 1 ? '' : 's'}` : 'no stores';
}

/** Items for the pick: every known checkpoint except `current` (summary null when it could not be read). */
export function comparePickItems(current: string, known: readonly { dir: string; summary: CheckpointSummary | null }[], label: (dir: string) => string): ComparePickItem[] {
  const items: ComparePickItem[] = known.filter((k) => k.dir !== current).map((k) => ({
    label: label(k.dir),
    description: k.summary ? `${k.summary.curTick ? `tick ${k.summary.curTick}` : 'no curTick'} · ${memorySize(k.summary) ?? 'size unknown'}` : 'could not be read',
    dir: k.dir,
  }));
  items.push({ label: BROWSE, description: 'another checkpoint directory', dir: null });
  return items;
}
