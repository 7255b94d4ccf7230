/** The language server's side of the Restore plan: `gem5sst/restorePlan` over the open buffers' current models. */
import { isAbsolute } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { isRestorePlanParams, RestorePlanRequest, type RestorePlanReply } from '../protocol/restorePlan';
import type { WorkspaceEngine } from '../workspace/types';
import { restorePlanReply } from './reply';

export type PlanEngine = Pick<WorkspaceEngine, 'findingsFor' | 'modelFor' | 'runsFor'>;

const failed = (error: string): RestorePlanReply => ({ plan: null, gem5Nodes: [], findings: { errors: 0, warnings: 0 }, error });

/** Answers one request; never throws (a bad script or request gives a reply with `error`). */
export async function answerRestorePlan(engine: PlanEngine | null, params: unknown): Promise<RestorePlanReply> {
  if (!isRestorePlanParams(params) || !isAbsolute(params.script)) return failed('invalid request');
  if (!engine) return failed('the language server is starting');
  try {
    return await restorePlanReply(engine, params.script);
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  }
}

export function registerRestorePlan(connection: Connection, engine: () => PlanEngine | null): void {
  connection.onRequest(RestorePlanRequest, (params: unknown) => answerRestorePlan(engine(), params));
}
