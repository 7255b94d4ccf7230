/**
 * How many MPI ranks a restore needs so that every gem5Component lands on a rank of its own (R37, GS501), under the
 * partitioner SST will use: serial (one rank) holds one gem5 at most, `sst.linear` places components in creation
 * order, `sst.self` honours `setRank`. The placement and its problems are GS501's (rules/placement.ts), so the answer is the rank
 * count for which the rule reports nothing. Anything else (another partitioner, a `setRank` the model cannot read)
 * is unknown: the caller says so instead of guessing.
 */
import type { SstComponent, SstScriptModel } from '../config/types';
import { isLinear, isSelf, partitionerOf, placeComponents, rankProblems, type Partitioner } from '../rules/placement';
import type { Span } from '../protocol/span';
import type { SstTask } from '../workspace/tasks';

export type RankNeed =
  | { ok: true; ranks: number; partitioner: string }
  | { ok: false; why: string; where: 'task' | 'script'; span: Span | null };

const GEM5 = 'gem5.gem5Component';
/** Above this many ranks the search stops: no real restore runs that many gem5 processes. */
const MAX_RANKS = 4096;

const nameOf = (c: SstComponent) => (c.name.kind === 'str' ? c.name.value : `component ${c.order}`);

/** True when GS501 reports nothing for `model` run with `ranks` ranks under `partitioner`. */
function ranksFit(model: SstScriptModel, ranks: number, partitioner: Partitioner): boolean {
  const placed = placeComponents(model, ranks, partitioner);
  return placed !== null && rankProblems(model, placed).length === 0;
}

/**
 * The rank count the restore needs: `current` when it already fits, else the smallest count that does. Unknown
 * (ok: false, naming where) when the partitioner is not one SST's placement is known for, or the model cannot tell
 * where components land.
 */
export function rankNeed(model: SstScriptModel, task: SstTask, current: number): RankNeed {
  const gem5 = model.components.filter((c) => c.type === GEM5);
  // A serial run ignores the partitioner (sst.single) and holds one gem5: nothing to decide.
  if (current === 1 && gem5.length <= 1 && !model.truncated) return { ok: true, ranks: 1, partitioner: 'sst.single' };
  const p = partitionerOf(model, task);
  const where = p.from === 'script' ? 'script' : 'task';
  if (p.from !== 'default' && (p.value === null || (!isLinear(p.value) && !isSelf(p.value)))) {
    return { ok: false, where, span: p.span, why: `the partitioner ${p.value ?? '(computed)'} places components in a way the model does not know` };
  }
  const name = p.from === 'default' ? null : p.value;
  if (model.truncated) return { ok: false, where: 'script', span: null, why: `the model stopped early (${model.truncated}), so the components are not all known` };
  // A component that may not exist shifts the linear blocks; under sst.self only setRank matters.
  const maybe = model.components.find((c) => c.maybe);
  if (maybe && !(name && isSelf(name))) {
    return { ok: false, where: 'script', span: maybe.span, why: `${nameOf(maybe)} is created under a condition the model cannot decide, so the linear placement is unknown` };
  }
  if (name && isSelf(name)) {
    const unread = model.components.find((c) => c.partition && c.partition.rank === null);
    if (unread) return { ok: false, where: 'script', span: unread.span, why: `the setRank of ${nameOf(unread)} is computed in a way the model cannot read` };
    const byRank = new Map<number, SstComponent>();
    for (const c of gem5) {
      const r = c.rank?.rank ?? 0;
      const other = byRank.get(r);
      if (other) return { ok: false, where: 'script', span: c.span, why: `setRank puts ${nameOf(c)} on rank ${r} with ${nameOf(other)} (--partitioner=self): no rank count separates them` };
      byRank.set(r, c);
    }
  }
  if (ranksFit(model, current, p)) return { ok: true, ranks: current, partitioner: name ?? (current === 1 ? 'sst.single' : 'sst.linear') };
  const top = Math.min(MAX_RANKS, Math.max(model.components.length, ...model.components.map((c) => (c.rank?.rank ?? 0) + 1), gem5.length));
  for (let r = Math.max(2, gem5.length); r <= top; r++) {
    if (ranksFit(model, r, p)) return { ok: true, ranks: r, partitioner: name ?? 'sst.linear' };
  }
  return { ok: false, where: 'script', span: gem5[0]?.span ?? null, why: `no rank count up to ${top} puts each of the ${gem5.length} gem5Components on its own rank` };
}
