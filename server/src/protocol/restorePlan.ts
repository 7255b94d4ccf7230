/**
 * `gem5sst/restorePlan`: the Restore plan of one SST script (its graph and address map, with the mismatches the rules
 * report there), computed on the open buffer's current model. One RequestType shared by the server and the client.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { AddressMap, SstGraph } from './restorePlanData';

/** What the Restore plan shows for one SST script: the SST graph and the address map with its mismatches. */
export interface RestorePlan {
  file: string;
  graph: SstGraph;
  map: AddressMap;
}

export interface RestorePlanParams {
  /** Absolute path of the SST script. */
  script: string;
}

/** What a gem5Component of the graph runs: its node, gem5 script and checkpoint (null: unknown). */
export interface PlanGem5Node {
  /** Index of the component in `plan.graph.components`. */
  component: number;
  node: number | null;
  gem5Script: string | null;
  checkpoint: string | null;
}

export interface RestorePlanReply {
  /** null when the file is not an SST script (then `error` says why). */
  plan: RestorePlan | null;
  gem5Nodes: PlanGem5Node[];
  /** Count of every finding on the script, for the panel's header (the map draws only MAP_CODES). */
  /** `signature`: findingsSignature of the script's findings, to compare with the editor's diagnostics. */
  findings: { errors: number; warnings: number; signature?: string };
  error: string | null;
}

export const RestorePlanRequest = new RequestType<RestorePlanParams, RestorePlanReply, void>('gem5sst/restorePlan');

export function isRestorePlanParams(p: unknown): p is RestorePlanParams {
  const o = p as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.script === 'string' && o.script.length > 0 && o.script.length < 4096;
}
