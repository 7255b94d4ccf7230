/**
 * The part of a gem5 script's findings that comes from the runs other files make of it (SST nodes whose `cmd` runs
 * it, gem5 tasks): the difference between its findings in a pass with those runs and in a pass over the script
 * alone, kept with the text it was computed for. While someone types in the script, its own findings are
 * recomputed per edit (cheap) and this part is carried over to the new text (resolving those runs means running the
 * interpreter over the script: it is done again once edits settle).
 */
import type { Finding } from '../rules/types';
import { shiftFindings } from './findingShift';

export interface LinkedPart {
  /** The script's text both passes read. */
  text: string;
  /** Findings the linked runs add. */
  added: Finding[];
  /** Findings of the script alone that the linked runs take away. */
  removed: Finding[];
}

/** One finding as a user sees it (for comparing findings of two passes). */
export function findingKey(f: Finding): string {
  return JSON.stringify(f, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Removes one occurrence of each of `take` from `from` (findings can repeat). */
function without(from: readonly Finding[], take: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of take) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return from.filter((f) => {
    const n = counts.get(findingKey(f)) ?? 0;
    if (n) counts.set(findingKey(f), n - 1);
    return n === 0;
  });
}

/** The linked part, from the script's findings with its linked runs (`linked`) and alone (`own`), both for `text`. */
export function linkedPart(linked: readonly Finding[], own: readonly Finding[], text: string): LinkedPart {
  return { text, added: without(linked, own), removed: without(own, linked) };
}

/** The script's findings for `text`: its own findings for that text with the linked part carried over to it. */
export function withLinkedPart(own: readonly Finding[], part: LinkedPart, file: string, text: string): Finding[] {
  return [...without(own, shiftFindings(part.removed, file, part.text, text)), ...shiftFindings(part.added, file, part.text, text)];
}
