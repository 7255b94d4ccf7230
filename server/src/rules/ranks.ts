/** GS5xx — MPI, ranks, resources: one gem5 per rank, latencies across ranks, the KVM-take workaround. */
import { isAbsolute, resolve } from 'node:path';
import type { PyValue, SstScriptModel } from '../config/types';
import type { SstTask } from '../workspace/tasks';
import { finding, type Rule, type RuleContext } from './context';
import { remoteWindow } from './memoryRanges';
import { componentRanks, rankProblems } from './placement';

function taskFor(ctx: RuleContext, path: string): SstTask | undefined {
  return ctx.sstTasks.find((t) => t.scriptPath !== null && resolve(t.scriptPath) === resolve(path));
}

const sstScripts = (ctx: RuleContext) => [...ctx.scripts.values()].filter((m): m is SstScriptModel => m.kind === 'sst');

const GS501: Rule = {
  code: 'GS501',
  inputs: 'S,T',
  check: (ctx) => sstScripts(ctx).flatMap((m) => {
    const placed = componentRanks(m, taskFor(ctx, m.path));
    if (!placed) return [];
    return rankProblems(m, placed).map((p) => (p.kind === 'unknown-rank'
      ? finding('GS501', m.path, p.component.span, `setRank(${p.rank}) but SST runs ${placed.worldSize} ranks: "Bad partitioning; partition included unknown ranks"`)
      : finding('GS501', m.path, p.component.span,
        `this gem5Component lands on rank ${p.rank} with ${p.other.name.kind === 'str' ? p.other.name.value : 'another gem5Component'} (${placed.partitioner}, ${placed.worldSize} rank${placed.worldSize > 1 ? 's' : ''}): one process holds one gem5, the second fails with "Attempt to allocate multiple instances of Root"`)));
  }),
};

/**
 * SST keeps a link latency's str() (pymodel_link.cc; the model does the same: a UnitAlgebra arrives as its text) and
 * needs a time unit; a zero without one ("0") is no zero latency but a unit error, not this rule's.
 */
const isZeroLatency = (v: PyValue) => v.kind === 'str' && /^\s*0+(\.0*)?\s*[munpf]?s\s*$/.test(v.value);

const GS503: Rule = {
  code: 'GS503',
  inputs: 'S,T',
  check: (ctx) => sstScripts(ctx).flatMap((m) => {
    const placed = componentRanks(m, taskFor(ctx, m.path));
    if (!placed) return [];
    return m.links.flatMap((l) => {
      // An end the model could not follow is dropped from the link: with one end left nothing is known to cross.
      if (l.ends.length !== 2) return [];
      const ends = l.ends.map((e) => placed.ranks[e.component]);
      const [ra, rb] = ends;
      if (ends.includes(null) || ra === rb) return [];
      const zero = l.ends.find((e) => isZeroLatency(e.latency));
      if (!zero) return [];
      return [finding('GS503', m.path, zero.span, `link crosses ranks ${ra} and ${rb} with zero latency: SST needs a non-zero latency to synchronise ranks`)];
    });
  }),
};

const GS507: Rule = {
  code: 'GS507',
  inputs: 'S,C,O',
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node' && r.mode === 'restore' && r.checkpoint?.kvm === true).map((run) => finding('GS507', run.definedIn, run.span,
    `the checkpoint was taken with KVM cores: under KVM the remote memory was written through gem5's own backing store, so the remote .pmem may not hold what the guest wrote. Known workaround: replace the remote store with the one from an atomic-mode checkpoint taken at the same point (command "gem5 + SST: Replace Remote Memory Image")`)),
};

/** Workload files given as paths (not resource ids) must exist, relative to the run's working directory. */
const GS506: Rule = {
  code: 'GS506',
  inputs: 'G,T',
  check: (ctx) => ctx.runs.flatMap((run) => (run.gem5Model?.workloadPaths ?? []).flatMap((w) => {
    const v = w.value.evaluate(run.args);
    if (v.kind !== 'str' || !v.value.includes('/')) return []; // resource ids (obtain_resource) have no slash
    const path = resolve(run.workingDirectory, v.value);
    if (ctx.exists(path)) return [];
    const where = isAbsolute(v.value) ? '' : ` (resolved against ${run.workingDirectory})`;
    return [finding('GS506', run.gem5Script!, w.value.span, `${w.role} ${v.value} does not exist${where}: gem5 fails at workload setup`)];
  })),
};

/** Era-A bridges send the whole remote image in one init phase; over MPI a count of 2^31 bytes or more fails. */
const GS502: Rule = {
  code: 'GS502',
  inputs: 'S,G,T,B',
  check: (ctx) => {
    if (ctx.gem5Tree?.eraA !== true) return [];
    return ctx.runs.flatMap((run) => {
      // Only SST nodes are defined in a script an sst task runs (gem5 tasks are defined in tasks.json).
      const task = taskFor(ctx, run.definedIn);
      if (!task || (task.ranks ?? 1) < 2) return [];
      const w = remoteWindow(run);
      if (!w || w.end - w.start < 2n ** 31n) return []; // an int count takes up to 2^31 - 1 bytes
      return [finding('GS502', run.definedIn, run.span,
        `${ctx.gem5Tree!.root} has an Era-A bridge (the whole remote image in one init message): ${(w.end - w.start) / 2n ** 20n} MiB across MPI ranks exceeds the 2^31-byte MPI count (MPI_ERR_COUNT); run a single rank or use an Era-B build`)];
    });
  },
};

export const GS5_RULES: Rule[] = [GS501, GS502, GS503, GS506, GS507];
