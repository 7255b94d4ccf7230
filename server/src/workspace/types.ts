/**
 * The contract between the workspace engine (index + rules, server/src/workspace and server/src/rules) and its
 * two faces: the language server (server/src/lsp) and `gem5-ckpt check` (server/src/cli).
 */
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { EngineSettings } from '../protocol/settings';
import type { ArgValues, Gem5Cmd, Gem5ScriptModel, ScriptModel, SstScriptModel } from '../config/types';
import type { ArgError } from '../config/argparse';
import type { Span } from '../protocol/span';
import type { Finding } from '../rules/types';

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

// Settings live with the protocol (both sides read them); re-exported for the engine's callers.
export { DEFAULT_SETTINGS, type EngineSettings } from '../protocol/settings';

/**
 * One concrete run the engine resolved: a gem5 node of an SST script (its `cmd`), or a `gem5`/`sst` task.
 * Rules read it; hovers and links show it.
 */
export interface ResolvedRun {
  kind: 'sst-node' | 'gem5-task';
  /** File that defines the run (SST script or tasks.json). */
  definedIn: string;
  span: Span;
  node: number | null;
  /** The task's `label` (gem5-task runs), for messages that name the run. */
  taskLabel?: string | null;
  mode: 'take' | 'restore' | null;
  /** The gem5 script the run executes, absolute; null when it could not be resolved. */
  gem5Script: string | null;
  gem5Model: Gem5ScriptModel | null;
  sstModel: SstScriptModel | null;
  /** Working directory used to resolve relative paths, and how it was chosen (rules.md "The SST working directory"). */
  workingDirectory: string;
  workingDirectorySource: 'task' | 'setting' | 'inferred' | 'script-directory';
  /** argparse values after emulation (defaults applied). */
  args: ArgValues;
  /** Absolute checkpoint directory the run takes into or restores from, when known. */
  checkpointDir: string | null;
  /** The checkpoint path as the script computes it, before resolving against the working directory. */
  checkpointDirText?: string | null;
  checkpoint: CheckpointSummary | null;
  /** The script's arguments as passed, each with the span that produced it (a cmd token or a task `args` element). */
  argv: RunArg[];
  /** What argparse would say about `argv` (unknown/ambiguous/choice/type/required/missing-value). */
  argErrors: ArgError[];
  /** Arguments the model does not know while the script's option set is open (Gem5ScriptModel.optionsOpen): with why. */
  argUndecided?: { error: ArgError; why: string }[];
  /** gem5's own options before the script (`--outdir=…`, `-re`). */
  gem5Options: RunArg[];
  /** Absolute outdir of the run (`--outdir`/`-d`, default `m5out` in the working directory). */
  outdir: string;
  /** The gem5Component `cmd` this run comes from (sst-node runs). */
  cmd: Gem5Cmd | null;
  /** Where the restore path expression is in the gem5 script (for related information), when known. */
  checkpointPathSpan: Span | null;
}

export interface RunArg {
  text: string;
  span: Span;
  /** The span covers exactly this argument's characters (a quick fix may replace it in place). */
  exact: boolean;
}

export interface WorkspaceEngine {
  /** An editor buffer overrides the file on disk. */
  setOpenDocument(path: string, text: string, version: number): void;
  closeDocument(path: string): void;
  /** A file on disk was created, changed or deleted (file watcher). */
  fileChanged(path: string): void;
  updateSettings(settings: EngineSettings): void;
  /** Findings whose file is `path`, with severity overrides applied ('off' removed). */
  findingsFor(path: string, token?: CancellationLike): Promise<Finding[]>;
  /** Findings for every file under the roots, keyed by absolute path. */
  findingsAll(token?: CancellationLike): Promise<Map<string, Finding[]>>;
  /** The parsed model of a script (open buffer first), or undefined when not a script. */
  modelFor(path: string): ScriptModel | undefined;
  /** Runs defined in a file (SST nodes, tasks) or executing a gem5 script. */
  runsFor(path: string): Promise<ResolvedRun[]>;
  /** Files whose findings may change when `path` changes (for diagnostic refresh). */
  dependentsOf(path: string): string[];
}
