/** Differences between two checkpoints: ticks, stores and sizes, CPU sections, keys whose values differ. */
import type { CompareResult } from '../protocol/webview';
import type { IniDocument } from './iniReader';
import type { OpenedCheckpoint } from './openCheckpoint';

const MAX_DIFFERING_KEYS = 500;

export function compareCheckpoints(a: OpenedCheckpoint, b: OpenedCheckpoint, docs: { a: IniDocument | null; b: IniDocument | null }): CompareResult {
  const ids = [...new Set([...a.summary.stores.map((s) => s.id), ...b.summary.stores.map((s) => s.id)])].sort((x, y) => x - y);
  const cpusA = new Set(a.summary.cpus.map((c) => c.section));
  const cpusB = new Set(b.summary.cpus.map((c) => c.section));
  const differing: CompareResult['differingKeys'] = [];
  let onlyA = 0;
  let onlyB = 0;
  if (docs.a && docs.b) {
    for (const [name, sa] of docs.a.sections) {
      const sb = docs.b.sections.get(name);
      if (!sb) {
        onlyA++;
        continue;
      }
      for (const [key, ea] of sa.entries) {
        const eb = sb.entries.get(key);
        if (differing.length < MAX_DIFFERING_KEYS && (!eb || eb.value !== ea.value)) {
          differing.push({ section: name, key, a: ea.value.slice(0, 120), b: eb ? eb.value.slice(0, 120) : '(missing)' });
        }
      }
    }
    for (const name of docs.b.sections.keys()) if (!docs.a.sections.has(name)) onlyB++;
  }
  return {
    other: b.summary.path,
    curTick: [a.summary.curTick, b.summary.curTick],
    stores: ids.map((id) => {
      const sa = a.summary.stores.find((s) => s.id === id);
      const sb = b.summary.stores.find((s) => s.id === id);
      return { id, a: sa?.rangeSize ?? null, b: sb?.rangeSize ?? null, roleA: sa?.role ?? null, roleB: sb?.role ?? null };
    }),
    cpusOnlyInA: [...cpusA].filter((c) => !cpusB.has(c)),
    cpusOnlyInB: [...cpusB].filter((c) => !cpusA.has(c)),
    differingKeys: differing,
    sectionsOnlyInA: onlyA,
    sectionsOnlyInB: onlyB,
  };
}
