/**
 * Where SST 13 places the components of a script over the MPI ranks (domain spec §4.4, R37): which partitioner a run
 * uses, the rank of each component under it, and the components that share a rank with a gem5Component or land on a
 * rank SST does not run. GS501/GS503 report from this and the retarget (retarget/rankCount.ts) searches a rank count
 * with it, so the rule and the fix never disagree.
 */
import type { SstComponent, SstScriptModel } from '../config/types';
import type { SstTask } from '../workspace/tasks';
import { sstOption, type SstOption } from './sstOptions';

/** The partitioner a run of `task` uses for `model` (sstArgs `--partitioner`, else the script's setProgramOption). */
export type Partitioner = SstOption;
export const partitionerOf = (model: SstScriptModel, task: SstTask): Partitioner => sstOption(model, task, 'partitioner');

/** SST prefixes a partitioner name without a library with `sst.`. */
export const isLinear = (p: string) => /^(sst\.)?linear$/.test(p);
export const isSelf = (p: string) => /^(sst\.)?self$/.test(p);

export interface Placement {
  /** Rank of each component by `order`; null where the model cannot tell (a setRank it cannot read). */
  ranks: (number | null)[];
  partitioner: 'sst.single' | 'sst.self' | 'sst.linear';
  worldSize: number;
}

/**
 * The placement over `worldSize` ranks under `partitioner`, or null when it is not known: a
 * partitioner of another name or one the model cannot read, a linear placement over components that may not exist.
 */
export function placeComponents(model: SstScriptModel, worldSize: number, partitioner: Partitioner): Placement | null {
  // A serial run forces sst.single whatever the partitioner: everything on rank 0, setRank ignored.
  if (worldSize === 1) return { ranks: model.components.map(() => 0), partitioner: 'sst.single', worldSize };
  const name = partitioner.from === 'default' ? 'sst.linear' : partitioner.value;
  if (name === null) return null;
  if (isSelf(name)) return { ranks: model.components.map((c) => (c.partition ? c.partition.rank : 0)), partitioner: 'sst.self', worldSize };
  // A component that may not exist, or more the model did not get to, changes the component count, so every block:
  // the linear placement is unknown.
  if (!isLinear(name) || model.truncated || model.components.some((c) => c.maybe)) return null;
  return { ranks: linearRanks(model.components.length, worldSize), partitioner: 'sst.linear', worldSize };
}

/** sst.linear: contiguous blocks in creation order, the first (n mod R) ranks one component larger. */
function linearRanks(n: number, worldSize: number): number[] {
  const ranks: number[] = [];
  const base = Math.floor(n / worldSize);
  const extra = n % worldSize;
  for (let r = 0; r < worldSize; r++) for (let k = 0; k < base + (r < extra ? 1 : 0); k++) ranks.push(r);
  return ranks;
}

/** The placement of a run of `task`, or null when how SST is launched (no task) or the partitioner is unknown. */
export function componentRanks(model: SstScriptModel, task: SstTask | undefined): Placement | null {
  if (!task) return null;
  return placeComponents(model, task.ranks ?? 1, partitionerOf(model, task));
}

export type RankProblem =
  | { kind: 'unknown-rank'; component: SstComponent; rank: number }
  | { kind: 'shared'; component: SstComponent; rank: number; other: SstComponent };

/**
 * What makes SST fail under `placed`: a component on a rank it does not run ("Bad partitioning"), a second
 * gem5Component on a rank (one process holds one gem5: "Attempt to allocate multiple instances of Root").
 * Components whose rank is unknown are not judged.
 */
export function rankProblems(model: SstScriptModel, placed: Placement): RankProblem[] {
  const out: RankProblem[] = [];
  const firstOnRank = new Map<number, SstComponent>();
  for (const c of model.components) {
    const rank = placed.ranks[c.order];
    if (rank === null) continue;
    // Only sst.self places by setRank; the other partitioners stay below the world size.
    if (rank >= placed.worldSize) {
      out.push({ kind: 'unknown-rank', component: c, rank });
      continue;
    }
    if (c.type !== 'gem5.gem5Component') continue;
    const other = firstOnRank.get(rank);
    if (other) out.push({ kind: 'shared', component: c, rank, other });
    else firstOnRank.set(rank, c);
  }
  return out;
}
