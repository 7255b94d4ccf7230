/** The `gem5sst/restorePlan` reply of one SST script: the plan plus what each gem5 node of its graph runs. */
import { findingsSignature } from '../protocol/findingsSignature';
import type { PlanGem5Node, RestorePlanReply } from '../protocol/restorePlan';
import type { WorkspaceEngine } from '../workspace/types';
import { restorePlan } from './plan';

type PlanEngine = Pick<WorkspaceEngine, 'findingsFor' | 'modelFor' | 'runsFor'>;

const empty = (error: string): RestorePlanReply => ({ plan: null, gem5Nodes: [], findings: { errors: 0, warnings: 0 }, error });

export async function restorePlanReply(engine: PlanEngine, script: string): Promise<RestorePlanReply> {
  const plan = await restorePlan(engine, script);
  if (!plan) return empty('not an SST script (no sst.Component in it)');
  const model = engine.modelFor(script);
  const runs = (await engine.runsFor(script)).filter((r) => r.kind === 'sst-node' && r.definedIn === script);
  const gem5Nodes: PlanGem5Node[] = [];
  if (model?.kind === 'sst') {
    model.components.forEach((c, i) => {
      if (c.type !== 'gem5.gem5Component') return;
      const run = runs.find((r) => r.cmd?.component === c.order);
      gem5Nodes.push({ component: i, node: run?.node ?? c.node, gem5Script: run?.gem5Script ?? null, checkpoint: run?.checkpointDir ?? null });
    });
  }
  const findings = await engine.findingsFor(script);
  const mine = findings.filter((f) => f.file === script);
  return {
    plan, gem5Nodes,
    findings: {
      errors: mine.filter((f) => f.severity === 'error').length, warnings: mine.filter((f) => f.severity === 'warning').length,
      signature: findingsSignature(mine.map((f) => ({ code: f.code, line: f.span.start.line, character: f.span.start.character, severity: f.severity, message: f.message }))),
    },
    error: null,
  };
}
