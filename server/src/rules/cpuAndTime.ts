/** GS3xx — CPU model, time, KVM: take with atomic/KVM, restore under SST in timing mode, same processor shape. */
import { runBoardFamily, type BoardFamily } from '../config/boardMemoryMap';
import { guardsHold } from '../config/expr';
import { resolve } from 'node:path';
import type { ProcessorDecl, SstScriptModel } from '../config/types';
import { parseSstUnitAlgebra } from '../config/units';
import type { ResolvedRun } from '../workspace/types';
import { cannotDecide, finding, type Rule, type RuleContext } from './context';
import { replaceValueText, restoresCheckpoint, runLabel, siteOfExpr, str } from './runArgs';
import { sstOption } from './sstOptions';
import type { QuickFix } from './types';

const TIMING_MODE = new Set(['timing', 'o3', 'minor']);
const SST_BOARDS = new Set(['ArmSstDMBoard', 'ArmComposableMemoryBoard']);

/** The processor the run builds (guards evaluated) and its CPU type string. */
export function runProcessor(run: ResolvedRun): { decl: ProcessorDecl; cpuType: string | null } | null {
  const decl = run.gem5Model?.processors.find((p) => guardsHold(p.guards, p.guardPolarity, run.args) === true);
  if (!decl) return null;
  return { decl, cpuType: decl.cpuType ? str(decl.cpuType.evaluate(run.args)) : null };
}

function cpuSite(run: ResolvedRun, decl: ProcessorDecl) {
  return decl.cpuType ? siteOfExpr(run, decl.cpuType) : { file: run.definedIn, span: run.span, site: null };
}

const GS301: Rule = {
  code: 'GS301',
  inputs: 'G,T',
  check: (ctx) => ctx.runs.filter((r) => r.mode === 'take' && r.kind === 'gem5-task').flatMap((run) => {
    const p = runProcessor(run);
    const board = run.gem5Model?.board?.className;
    if (!p?.cpuType || !board || !SST_BOARDS.has(board) || p.cpuType === 'atomic' || p.cpuType === 'kvm') return [];
    const where = cpuSite(run, p.decl);
    return [finding('GS301', where.file, where.span,
      `the take run uses the ${p.cpuType} CPU on ${board}: outside SST the bridge only works in atomic (or KVM) mode, so take with --cpu-type=atomic`)];
  }),
};

const GS302: Rule = {
  code: 'GS302',
  inputs: 'G,S',
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node').flatMap((run) => {
    const p = runProcessor(run);
    if (!p?.cpuType || TIMING_MODE.has(p.cpuType)) return [];
    const where = cpuSite(run, p.decl);
    // A node that restores no checkpoint (no restore on its path, or m5.instantiate("")) is a cold boot under SST.
    // There the atomic CPU's fate is the bridge's, which differs by gem5 build: upstream's recvAtomic asserts, the
    // disaggregated-memory bridges of the checkpoint work answer it from gem5's own copy, and darchr's 2023 bridge
    // forwards it to SST (memory-pool-example-atomic*.py). Only KVM fails under SST whatever the build.
    const restores = restoresCheckpoint(run) === true;
    if (!restores && p.cpuType !== 'kvm') {
      return [cannotDecide('GS302', where.file, where.span,
        `${runLabel(run)} runs under SST with the ${p.cpuType} CPU but restores no checkpoint: whether the bridge serves requests in that mode depends on the gem5 build (upstream's bridge asserts on atomic requests, the checkpoint work's bridge answers them from gem5's own copy, darchr's 2023 bridge forwards them to SST), so this cannot be decided`)];
    }
    const fixes: QuickFix[] = [];
    const site = where.site;
    if (site?.valueArg.exact) {
      fixes.push({ title: 'Restore with --cpu-type=timing', preferred: true,
        edits: [{ file: run.definedIn, span: site.valueArg.span, newText: replaceValueText(site, 'timing') }] });
    }
    const omitted = !where.site && p.decl.cpuType?.reads.some((d) => run.gem5Model?.options.some((o) => o.dest === d));
    return [finding('GS302', omitted ? run.definedIn : where.file, omitted ? run.span : where.span,
      `${runLabel(run)} ${restores ? 'restores' : 'runs'} under SST with the ${p.cpuType} CPU${omitted ? ' (the argparse default, as cmd gives no --cpu-type)' : ''}: SST drives gem5 through the bridge in timing mode only — use timing, o3 or minor`,
      { fixes })];
  }),
};

/**
 * KVM cores and a manual m5.instantiate()/m5.simulate() in the same run need root.sim_quantum. The manual call must be
 * on the run's path: a unified script may take with KVM through Simulator (which sets the quantum) and instantiate by
 * hand only on its restore branch, with timing cores.
 */
const GS303: Rule = {
  code: 'GS303',
  inputs: 'G',
  check: (ctx) => ctx.runs.flatMap((run) => {
    const p = runProcessor(run);
    const m = run.gem5Model;
    if (p?.cpuType !== 'kvm' || !m?.manualInstantiate || m.simQuantum) return [];
    const calls = m.manualCalls.map((c) => ({ span: c.span, holds: guardsHold(c.guards, c.guardPolarity, run.args) }));
    const sure = calls.find((c) => c.holds === true);
    if (!sure) {
      const maybe = calls.find((c) => c.holds === null);
      return maybe ? [cannotDecide('GS303', run.gem5Script!, maybe.span,
        `cannot decide whether ${runLabel(run)} reaches this manual m5.instantiate()/m5.simulate() (it sits under a condition the model cannot decide): with its KVM cores it would need root.sim_quantum`)] : [];
    }
    const text = ctx.textOf(run.gem5Script!);
    const line = text?.split('\n')[sure.span.start.line] ?? '';
    const indent = /^\s*/.exec(line)![0];
    const fixes: QuickFix[] = text ? [{ title: 'Set root.sim_quantum = int(1e9) before instantiate', preferred: true,
      edits: [{ file: run.gem5Script!, span: { start: { line: sure.span.start.line, character: 0 }, end: { line: sure.span.start.line, character: 0 } }, newText: `${indent}root.sim_quantum = int(1e9)\n` }] }] : [];
    return [finding('GS303', run.gem5Script!, sure.span,
      'KVM cores with a manual m5.instantiate() need root.sim_quantum (KVM event queues never synchronise otherwise)', { fixes })];
  }),
};

const GS306: Rule = {
  code: 'GS306',
  inputs: 'G,C',
  check: (ctx) => ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint?.cpus.length).flatMap((run) => {
    const p = runProcessor(run);
    if (!p?.decl.numCores) return [];
    const n = p.decl.numCores.evaluate(run.args);
    if (n.kind !== 'int') return [];
    const cp = run.checkpoint!;
    const switchable = /Switchable/.test(p.decl.className);
    const groups = new Set(cp.cpus.map((c) => c.group));
    const cores = switchable ? cp.cpus.filter((c) => c.group === 'start').length : cp.cpus.filter((c) => c.group === 'cores').length;
    const where = siteOfExpr(run, p.decl.numCores);
    if (!switchable && !groups.has('cores') && (groups.has('start') || groups.has('switch'))) {
      return [finding('GS306', where.file, where.span,
        `the checkpoint has switchable-processor sections (start*/switch*) but ${runLabel(run)} builds a ${p.decl.className} (cores*): CPU state is not restored`)];
    }
    if (cores === Number(n.value)) return [];
    return [finding('GS306', where.file, where.span,
      `${runLabel(run)} builds ${n.value} cores but the checkpoint holds ${cores} (${cp.cpus.map((c) => c.section).slice(0, 4).join(', ')}${cp.cpus.length > 4 ? ', …' : ''}): the extra or missing cores cold-boot`)];
  }),
};

const GS307: Rule = {
  code: 'GS307',
  inputs: 'G,O',
  check: (ctx) => ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint?.platform && r.gem5Model?.board?.platform).flatMap((run) => {
    const mine = run.gem5Model!.board!.platform!;
    const theirs = run.checkpoint!.platform!;
    if (mine === theirs) return [];
    return [finding('GS307', run.gem5Script!, run.gem5Model!.board!.span,
      `${runLabel(run)} builds the ${mine} platform but the checkpoint was taken on ${theirs} (take run's config.ini): device state will not match`)];
  }),
};

/** The ISA family of a CPU class from config.ini ("ArmV8KvmCPU", "X86KvmCPU", "RiscvTimingSimpleCPU"), or null. */
function cpuFamily(model: string | null): BoardFamily | null {
  if (!model) return null;
  return /^Arm/.test(model) ? 'arm' : /^X86/.test(model) ? 'x86' : /^Riscv/i.test(model) ? 'riscv' : null;
}

/**
 * The ISA a restore runs: its board's family, else the take run's CPU classes (the checkpoint is of that ISA). Classes
 * that name no ISA are skipped: config.ini gives a Python subclass its base's type, so a KVM take's switch cores read
 * `type=BaseO3CPU` beside `type=ArmV8KvmCPU` start cores (only the KVM classes declare an ISA-named type).
 */
function restoreFamily(run: ResolvedRun): BoardFamily | null {
  const known = runBoardFamily(run.gem5Model!, run.args);
  if (known) return known.family;
  const families = new Set((run.checkpoint?.cpus ?? []).map((c) => cpuFamily(c.model)).filter((f) => f !== null));
  return families.size === 1 ? [...families][0] : null;
}

/**
 * A KVM take selects `ArmDefaultRelease.for_kvm()` on VExpress_GEM5_V1; a restore must use the same release. ARM only
 * (R25): an X86 or RISC-V board has no ArmDefaultRelease, and the fix must not put one into its script.
 */
const GS305: Rule = {
  code: 'GS305',
  inputs: 'G,C,O',
  check: (ctx) => ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint?.kvm === true && r.gem5Model?.board).flatMap((run) => {
    const model = run.gem5Model!;
    const board = model.boards?.find((b) => guardsHold(b.guards, b.guardPolarity, run.args) !== false) ?? model.board!;
    if (board.release && /for_kvm/.test(board.release)) return [];
    const family = restoreFamily(run);
    if (family === null) {
      return [cannotDecide('GS305', run.gem5Script!, board.span,
        `cannot decide whether ${runLabel(run)} restores on an Arm board (${board.className} names no ISA and the take run's CPU classes are unknown): if it does, the KVM checkpoint needs release=ArmDefaultRelease.for_kvm()`)];
    }
    if (family !== 'arm') return [];
    return [finding('GS305', run.gem5Script!, board.span,
      `the checkpoint was taken with KVM cores (so with ArmDefaultRelease.for_kvm()) but ${runLabel(run)} builds the board with ${board.release ?? 'the default release'}: ID registers will not match — pass release=ArmDefaultRelease.for_kvm()`)];
  }),
};

const sstScripts = (ctx: RuleContext) => [...ctx.scripts.values()].filter((m): m is SstScriptModel => m.kind === 'sst');

/** A time base SST reads as exactly 1 ps ("1ps", "1 ps", "1000fs"), as a UnitAlgebra. */
function isOnePicosecond(text: string): boolean {
  const q = parseSstUnitAlgebra(text);
  return q.ok && q.value.unit === 's' && q.value.num * 10n ** 12n === q.value.den;
}

/** SST must map its time to gem5 ticks 1:1 and, after a restore, start from the checkpoint's tick. */
const GS308: Rule = {
  code: 'GS308',
  inputs: 'S,T,B',
  check: (ctx) => {
    const out = [];
    for (const t of ctx.sstTasks) {
      const script = sstScripts(ctx).find((m) => t.scriptPath !== null && resolve(m.path) === resolve(t.scriptPath));
      const tb = sstOption(script, t, 'timebase');
      if (tb.value === null || isOnePicosecond(tb.value)) continue;
      const how = tb.from === 'task' ? 'SST --timebase' : 'the script\'s setProgramOption("timebase")';
      out.push(finding('GS308', tb.from === 'task' ? t.file : script!.path, tb.span!,
        `${how} is ${tb.value}: gem5Component maps SST core time to gem5 ticks 1:1, so the time base must stay 1ps`));
    }
    if (ctx.gem5Tree?.hasBaseTime === false) {
      const restoring = new Set(ctx.runs.filter((r) => r.kind === 'sst-node' && r.mode === 'restore').map((r) => r.definedIn));
      for (const path of restoring) {
        const run = ctx.runs.find((r) => r.definedIn === path)!;
        out.push(finding('GS308', path, run.span,
          `the ext/sst build in ${ctx.gem5Tree.root} has no base_time offset: after a restore SST idles until its own time reaches the checkpoint's curTick`));
      }
    }
    return out;
  },
};

export const GS3_RULES: Rule[] = [GS308, GS301, GS302, GS303, GS305, GS306, GS307];

