/** Restore plan replies for tests: from the real engine on a copy of the example, or hand-made with unknowns. */
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { answerRestorePlan } from '../../../server/src/restorePlan/lsp';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { GraphComponent, GraphLink } from '../../../server/src/config/graph';
import { copyExample } from '../../support/exampleWorkspace';

/** The plan of the example with `nodes` gem5 nodes, after `edits` (from → to) of its SST script. */
export async function examplePlan(nodes: number, edits: [string, string][] = []): Promise<RestorePlanReply> {
  const ws = await copyExample();
  try {
    await ws.edit(ws.sst, 'nodes = 1', `nodes = ${nodes}`);
    for (const [a, b] of edits) await ws.edit(ws.sst, a, b);
    return await answerRestorePlan(createWorkspaceEngine([ws.root]), { script: ws.sst });
  } finally {
    await ws.dispose();
  }
}

const src = (line: number) => ({ file: '/w/sst.py', line });

export function component(name: string | null, type: string | null, extra: Partial<GraphComponent> = {}): GraphComponent {
  return { name, type, params: {}, subcomponents: [], source: src(1), ...extra };
}

export function link(name: string, a: string | null, b: string | null, latA: string | null = '1ns', latB: string | null = '1ns'): GraphLink {
  return { name, noCut: false, source: src(2), left: { component: a, port: 'p', latency: latA }, right: { component: b, port: 'q', latency: latB } };
}

export function handMade(components: GraphComponent[], links: GraphLink[], gem5Nodes: RestorePlanReply['gem5Nodes'] = []): RestorePlanReply {
  return {
    plan: { file: '/w/sst.py', graph: { program_options: {}, components, links }, map: { nodes: [], regions: [], mismatches: [] } },
    gem5Nodes, findings: { errors: 0, warnings: 0 }, error: null,
  };
}
