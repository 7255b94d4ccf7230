/**
 * The restore's address map on one axis, for the Restore plan: per gem5 node its local memory and remote window, the
 * SST memory region (addr_range_start … effective end, mem_size) and the stores of the checkpoint the node restores
 * (role, size, address), with every range mismatch the rules report placed where it is. Plain JSON (64-bit values
 * as decimal strings); unknown stays null.
 */
import type { SstScriptModel } from '../config/types';
import { MAP_CODES, type AddressMap, type MapMismatch, type MapNode, type MapRegion } from '../protocol/restorePlanData';
import type { Span } from '../protocol/span';
import { layoutOf, remoteWindow, sstRegions } from '../rules/memoryRanges';
import type { Finding } from '../rules/types';
import type { ResolvedRun } from '../workspace/types';

export { MAP_CODES };
export type { AddressMap, MapMismatch, MapNode, MapRange, MapRegion, MapStore } from '../protocol/restorePlanData';

const inside = (s: Span, outer: Span) =>
  (s.start.line > outer.start.line || (s.start.line === outer.start.line && s.start.character >= outer.start.character))
  && (s.end.line < outer.end.line || (s.end.line === outer.end.line && s.end.character <= outer.end.character));

export function addressMap(model: SstScriptModel, runs: readonly ResolvedRun[], findings: readonly Finding[]): AddressMap {
  const mine = runs.filter((r) => r.kind === 'sst-node' && r.definedIn === model.path);
  const nodes: MapNode[] = mine.map((run) => {
    const layout = layoutOf(run);
    const remote = remoteWindow(run);
    return {
      node: run.node,
      line: run.span.start.line + 1,
      local: layout?.local ? { start: String(layout.local.start), end: String(layout.local.end) } : null,
      remote: remote ? { start: String(remote.start), end: String(remote.end) } : null,
      checkpoint: run.checkpointDir,
      stores: (run.checkpoint?.stores ?? []).map((s) => ({
        id: s.id, role: s.role, size: s.rangeSize,
        start: s.start ? BigInt(s.start).toString() : null, end: s.end ? BigInt(s.end).toString() : null,
      })),
    };
  });
  const regions: MapRegion[] = sstRegions(model).map((r) => ({
    component: r.component.name.kind === 'str' ? r.component.name.value : r.component.varName ?? '?',
    line: r.component.span.start.line + 1,
    start: String(r.start),
    end: String(r.effectiveEnd + 1n),
    memSize: r.memSize?.text ?? null,
  }));
  const codes = new Set<string>(MAP_CODES);
  const mismatches: MapMismatch[] = findings.filter((f) => codes.has(f.code) && f.file === model.path).map((f) => {
    const run = mine.find((r) => inside(f.span, r.span) || (r.cmd !== null && inside(f.span, r.cmd.span)));
    // A node's finding names the node ("node 3 …"); the cmd span is shared by nodes built in one loop.
    const named = /\bnode (\d+)\b/.exec(f.message);
    const node = named ? Number(named[1]) : run?.node ?? null;
    const onNode = f.code !== 'GS202' && (run !== undefined || named !== null);
    return { code: f.code, message: f.message, file: f.file, span: f.span, on: onNode ? { kind: 'node', node } : { kind: 'memory' } };
  });
  return { nodes, regions, mismatches };
}
