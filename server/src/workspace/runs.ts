/**
 * Resolves concrete runs: every gem5 node of an SST script (its `cmd`) and every `gem5` task. A run knows the gem5
 * script it executes, the working directory it resolves paths against (rules.md "The SST working directory"), the
 * argparse values it passes, whether it takes or restores, and which checkpoint directory that means.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { emulateArgparse, type ArgError } from '../config/argparse';
import { CWD_KEY, GEM5_OUTDIR_KEY } from '../config/interp/domains/stdlib';
import { guardsHold } from '../config/expr';
import type { ArgValues, CheckpointUse, Gem5Cmd, Gem5ScriptModel, PyValue, SstScriptModel } from '../config/types';
import type { Span } from '../protocol/span';
import type { Gem5Task, SstTask } from './tasks';
import type { ResolvedRun, RunArg } from './types';

export interface RunEnvironment {
  /** Workspace folder containing `path` (the limit of the upward search), or null. */
  rootOf(path: string): string | null;
  exists(path: string): boolean;
  gem5ModelOf(path: string): Gem5ScriptModel | null;
  sstTasks: readonly SstTask[];
  /** `gem5sst.sst.workingDirectory` of the folder holding an SST script; null = infer. */
  sstWorkingDirectoryOf(sstScript: string): string | null;
  /**
   * How far up the inferred SST working directory may be for a script, when not its workspace folder (`check` of a
   * file outside any workspace: the file system root, so a gem5 script that exists on disk is found).
   */
  searchRootOf?(sstScript: string): string | null;
}

/** gem5's `--outdir`/`-d` among its own options; null when not given. */
function outdirOption(options: readonly RunArg[]): string | null {
  for (let i = 0; i < options.length; i++) {
    const t = options[i].text;
    if (t.startsWith('--outdir=')) return t.slice('--outdir='.length);
    if ((t === '--outdir' || t === '-d') && options[i + 1]) return options[i + 1].text;
    if (t.startsWith('-d') && t.length > 2 && !t.startsWith('--')) return t.slice(2);
  }
  return null;
}

/** The SST working directory for one SST script and the gem5 script token in its cmd. */
export function sstWorkingDirectory(
  sstScript: string,
  gem5ScriptToken: string | null,
  env: RunEnvironment,
): { dir: string; source: ResolvedRun['workingDirectorySource'] } {
  const task = env.sstTasks.find((t) => t.scriptPath !== null && resolve(t.scriptPath) === resolve(sstScript));
  if (task) return { dir: task.cwd, source: 'task' };
  const root = env.rootOf(sstScript);
  const d = env.sstWorkingDirectoryOf(sstScript);
  if (d) {
    return { dir: isAbsolute(d) ? d : resolve(root ?? dirname(sstScript), d), source: 'setting' };
  }
  const own = dirname(sstScript);
  const bound = env.searchRootOf?.(sstScript) ?? root;
  if (gem5ScriptToken && !isAbsolute(gem5ScriptToken)) {
    for (let dir = own; ; dir = dirname(dir)) {
      if (env.exists(join(dir, gem5ScriptToken))) return { dir, source: dir === own ? 'script-directory' : 'inferred' };
      const rel = bound ? relative(bound, dir) : '..';
      if (!bound || rel === '' || rel.startsWith('..') || dirname(dir) === dir) break;
    }
  }
  return { dir: own, source: 'script-directory' };
}

function strValue(v: PyValue | undefined): string | null {
  return v?.kind === 'str' ? v.value : null;
}

/** Which checkpoint uses are active with these values: those whose `if` guards all hold. */
export function activeUses(model: Gem5ScriptModel, args: ArgValues): { take: CheckpointUse[]; restore: CheckpointUse[]; undecided: boolean } {
  const take: CheckpointUse[] = [];
  const restore: CheckpointUse[] = [];
  let undecided = false;
  for (const u of model.checkpointUses) {
    const holds = guardsHold(u.guards, u.guardPolarity, args);
    if (holds === null) undecided = true;
    if (holds !== true) continue;
    (u.kind === 'take' ? take : restore).push(u);
  }
  return { take, restore, undecided };
}

interface RunInput {
  kind: ResolvedRun['kind'];
  definedIn: string;
  span: Span;
  node: number | null;
  taskLabel?: string | null;
  gem5Script: string | null;
  gem5Options: RunArg[];
  argv: RunArg[];
  workingDirectory: string;
  workingDirectorySource: ResolvedRun['workingDirectorySource'];
  declaredMode: 'take' | 'restore' | null;
  sstModel: SstScriptModel | null;
  cmd: Gem5Cmd | null;
}

/**
 * An unknown argument is argparse's error only when the model sees every option: with parse_known_args it is
 * returned to the script, and with an open option set (optionSet.ts) it may be one of the options not seen.
 */
function argVerdicts(model: Gem5ScriptModel | null, errors: ArgError[]): { argErrors: ArgError[]; argUndecided: { error: ArgError; why: string }[] } {
  if (!model || (!model.optionsOpen && !model.knownArgsOnly)) return { argErrors: errors, argUndecided: [] };
  const unknown = errors.filter((e) => e.kind === 'unknown');
  const argErrors = errors.filter((e) => e.kind !== 'unknown');
  return { argErrors, argUndecided: model.knownArgsOnly ? [] : unknown.map((error) => ({ error, why: model.optionsOpen! })) };
}

function resolveRun(input: RunInput, env: RunEnvironment): ResolvedRun {
  const gem5Model = input.gem5Script && env.exists(input.gem5Script) ? env.gem5ModelOf(input.gem5Script) : null;
  const outdirText = outdirOption(input.gem5Options) ?? 'm5out';
  const outdir = resolve(input.workingDirectory, outdirText);
  const parsed = gem5Model ? emulateArgparse(gem5Model.options, input.argv.map((a) => a.text), gem5Model.parserSettings) : null;
  const args = new Map<string, PyValue>(parsed?.values ?? []);
  args.set(GEM5_OUTDIR_KEY, { kind: 'str', value: outdirText });
  args.set(CWD_KEY, { kind: 'str', value: input.workingDirectory });

  let mode: ResolvedRun['mode'] = input.declaredMode;
  let checkpointDir: string | null = null;
  let checkpointDirText: string | null = null;
  let checkpointPathSpan: Span | null = null;
  if (gem5Model) {
    const uses = activeUses(gem5Model, args);
    if (!mode) mode = uses.take.length ? 'take' : uses.restore.some((u) => u.path) ? 'restore' : null;
    const use = mode === 'take' ? uses.take.find((u) => u.path) : uses.restore.find((u) => u.path);
    if (use?.path) {
      checkpointPathSpan = use.path.span;
      const p = strValue(use.path.evaluate(args));
      // A relative checkpoint path resolves against the process cwd (gem5's, or SST's for nodes), not the outdir.
      if (p) checkpointDir = resolve(input.workingDirectory, p);
      checkpointDirText = p;
    }
  }
  return {
    kind: input.kind,
    definedIn: input.definedIn,
    span: input.span,
    node: input.node,
    ...(input.taskLabel ? { taskLabel: input.taskLabel } : {}),
    mode,
    gem5Script: input.gem5Script && env.exists(input.gem5Script) ? input.gem5Script : null,
    gem5Model,
    sstModel: input.sstModel,
    workingDirectory: input.workingDirectory,
    workingDirectorySource: input.workingDirectorySource,
    args,
    checkpointDir,
    checkpointDirText,
    checkpoint: null,
    argv: input.argv,
    ...argVerdicts(gem5Model, parsed?.errors ?? []),
    gem5Options: input.gem5Options,
    outdir,
    cmd: input.cmd,
    checkpointPathSpan,
  };
}

/** One run per gem5Component `cmd` of an SST script. */
export function sstNodeRuns(path: string, model: SstScriptModel, env: RunEnvironment): ResolvedRun[] {
  return model.gem5Cmds.map((cmd) => {
    const wd = sstWorkingDirectory(path, cmd.script?.text ?? null, env);
    const script = cmd.script ? resolve(wd.dir, cmd.script.text) : null;
    return resolveRun({
      kind: 'sst-node', definedIn: path, span: cmd.span, node: cmd.node, gem5Script: script,
      gem5Options: cmd.gem5Options, argv: cmd.scriptArgs, workingDirectory: wd.dir, workingDirectorySource: wd.source,
      declaredMode: null, sstModel: model, cmd,
    }, env);
  });
}

/** The run a `gem5` task launches. */
export function gem5TaskRun(task: Gem5Task, env: RunEnvironment): ResolvedRun {
  const toArg = (a: { value: string; span: Span }): RunArg => ({ text: a.value, span: a.span, exact: false });
  return resolveRun({
    kind: 'gem5-task', definedIn: task.file, span: task.span, node: null, taskLabel: task.label, gem5Script: task.scriptPath,
    gem5Options: task.gem5Args.map(toArg), argv: task.args.map(toArg), workingDirectory: task.cwd,
    workingDirectorySource: 'task', declaredMode: task.action, sstModel: null, cmd: null,
  }, env);
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}
