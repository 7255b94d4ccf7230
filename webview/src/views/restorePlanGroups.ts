/**
 * Repeated structures of an SST graph: components whose names differ only by their last number (gem5_node_0 … _63)
 * form a class; classes over the same set of numbers are one per-instance subgraph (node i's gem5 component, its L1,
 * …), shown as one group box "×N" when collapsed. Pure: graph JSON in, groups out.
 */
import type { GraphComponent } from '../../../server/src/protocol/restorePlanData';

export interface RepeatGroup {
  /** Stable across updates of the same script: the class keys joined. */
  id: string;
  /** e.g. "gem5_node_# + l1_#". */
  label: string;
  /** Number of instances. */
  count: number;
  /** Class keys, in the order of their first component. */
  keys: string[];
  /** Per instance (in order of first appearance), the component indexes of that instance. */
  instances: number[][];
}

/** Fewer instances than this are drawn expanded unless the user collapses them. */
export const COLLAPSE_AT = 4;

/** The class key of a component: its type and its name with the last number (the instance) as '#'; null without one. */
export function classKey(c: Pick<GraphComponent, 'name' | 'type'>): string | null {
  if (c.name === null || !/\d/.test(c.name)) return null;
  return `${c.type ?? '?'}|${c.name.replace(/\d+(?=\D*$)/, '#')}`;
}

/** The instance number of a name: its last number. */
function instanceOf(name: string): string | null {
  const all = name.match(/\d+/g);
  return all ? all[all.length - 1] : null;
}

export function findRepeats(components: readonly Pick<GraphComponent, 'name' | 'type'>[]): RepeatGroup[] {
  const classes = new Map<string, Map<string, number>>();
  components.forEach((c, i) => {
    const key = classKey(c);
    const inst = c.name === null ? null : instanceOf(c.name);
    if (key === null || inst === null) return;
    let byInstance = classes.get(key);
    if (!byInstance) classes.set(key, (byInstance = new Map()));
    // Two components of one class with the same number (x_1_0, x_2_0): not a plain repetition, keep both visible.
    if (byInstance.has(inst)) byInstance.set(inst, -1);
    else byInstance.set(inst, i);
  });
  const bySet = new Map<string, { keys: string[]; members: Map<string, number>[] }>();
  for (const [key, byInstance] of classes) {
    if (byInstance.size < 2 || [...byInstance.values()].includes(-1)) continue;
    const set = [...byInstance.keys()].join(',');
    const entry = bySet.get(set) ?? { keys: [], members: [] };
    entry.keys.push(key);
    entry.members.push(byInstance);
    bySet.set(set, entry);
  }
  const groups: RepeatGroup[] = [];
  for (const [set, { keys, members }] of bySet) {
    const instances = set.split(',').map((inst) => members.map((m) => m.get(inst)!).sort((a, b) => a - b));
    const order = keys.map((k, j) => ({ k, first: Math.min(...members[j].values()) })).sort((a, b) => a.first - b.first).map((x) => x.k);
    groups.push({ id: order.join('+'), label: order.map((k) => k.slice(k.indexOf('|') + 1)).join(' + '), count: instances.length, keys: order, instances });
  }
  return groups.sort((a, b) => a.instances[0][0] - b.instances[0][0]);
}

/** Whether a group is drawn collapsed: the user's choice, else collapsed from COLLAPSE_AT instances on. */
export function isCollapsed(group: RepeatGroup, choice: Readonly<Record<string, boolean>>): boolean {
  return choice[group.id] ?? group.count >= COLLAPSE_AT;
}
