/** What the Restore plan shows for one SST script: the SST graph and the address map with its mismatches. */
import { sstGraph } from '../config/graph';
import type { RestorePlan } from '../protocol/restorePlan';
import type { WorkspaceEngine } from '../workspace/types';
import { addressMap } from './addressMap';

export type { RestorePlan };

/** The plan of an SST script as the engine sees it now (open buffers first); null when it is not an SST script. */
export async function restorePlan(engine: Pick<WorkspaceEngine, 'findingsFor' | 'modelFor' | 'runsFor'>, file: string): Promise<RestorePlan | null> {
  const findings = await engine.findingsFor(file);
  const model = engine.modelFor(file);
  if (model?.kind !== 'sst') return null;
  return { file, graph: sstGraph(model), map: addressMap(model, await engine.runsFor(file), findings) };
}
