/**
 * The model of a gem5 or SST Python config script, as the rules, hovers and quick fixes see it.
 * Built from a real Python parse (lezer) by server/src/config; every value keeps its source span.
 * Values that depend on command-line options are kept as expressions (`Expr`) and evaluated later with the
 * argparse values a particular run passes (an SST `cmd`, a task's args). Unknown stays unknown: rules stay silent.
 */
import type { Span } from '../protocol/span';
import type { SourceSite } from '../protocol/restorePlanData';

export type { Span };

/** A Python value as far as the model knows it (plain data: no objects). */
export type PyValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list'; items: PyValue[] } // lists and tuples
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  | { kind: 'unknown' };

/** argparse values by `dest` (e.g. "cpu_type" → str "timing"), as produced by the argparse emulation. */
export type ArgValues = ReadonlyMap<string, PyValue>;

/**
 * An expression from the script, evaluable later. `reads` lists the argparse dests it depends on (via `args.x`);
 * evaluating without bindings (or with a dest missing) gives `unknown` for those reads.
 */
export interface Expr {
  readonly span: Span;
  /** Source text of the expression. */
  readonly text: string;
  readonly reads: readonly string[];
  evaluate(args?: ArgValues): PyValue;
}

export interface SyntaxIssue {
  span: Span;
  message: string;
}

// ---------------------------------------------------------------------------------------------------------------
// gem5 scripts

export interface ArgOption {
  /** The file whose add_argument call defines it, when not the script itself (a helper module: gem5's common/Options.py). */
  file?: string;
  /** Option strings as written, e.g. ["--cpu-type"] or ["-n", "--num-cores"]. */
  flags: string[];
  flagSpans: Span[];
  dest: string;
  /** `type=`: null when absent (argparse then keeps strings); 'opaque' for a function the model does not follow. */
  type: 'str' | 'int' | 'float' | 'opaque' | null;
  choices: PyValue[] | null;
  /** `default=`; `{kind:'none'}` when absent. */
  default: PyValue;
  required: boolean;
  /** `action=` ("store_true", "store_false", "append", "count", …) or null for plain store. */
  action: string | null;
  nargs: string | number | null;
  help: string | null;
  /** The whole add_argument(...) call. */
  span: Span;
}

/** What the argparse parser is built with (ArgumentParser keywords, add_mutually_exclusive_group); Python's defaults when absent. */
export interface ParserSettings {
  /** `add_help` (default True): `-h`/`--help` print the help and exit 0. */
  addHelp?: boolean;
  /** `allow_abbrev` (default True): a unique prefix of a long option names it. */
  allowAbbrev?: boolean;
  /** Mutually exclusive groups: the dests of their options, and whether one of them is required. */
  exclusiveGroups?: readonly { dests: readonly string[]; required: boolean }[];
}

export type CheckpointApi =
  | 'm5.checkpoint'
  | 'save_checkpoint'
  | 'm5.instantiate'
  | 'Simulator(checkpoint_path)'
  | 'set_kernel_disk_workload(checkpoint)';

/** A place where the script takes (writes) or restores (reads) a checkpoint. */
/** An `if` test of whether a value is empty whose empty-value branch tells the user something (emptinessTests.ts). */
export interface EmptinessTest {
  /** The run inputs (argparse dests, …) the tested value reads. */
  dests: readonly string[];
  /** The condition. */
  span: Span;
}

export interface CheckpointUse {
  kind: 'take' | 'restore';
  api: CheckpointApi;
  /** The directory expression (e.g. `ckpt_file + str(instance)`, `m5.options.outdir + "/checkpoint"`); null for `m5.instantiate()` with no argument. */
  path: Expr | null;
  /** Conjunction of the `if` conditions the call sits under (true when unguarded), e.g. `args.take_ckpt == "True"`. */
  guards: Expr[];
  /** For each guard, whether the call is in the `if` (true) or `else` (false) branch. */
  guardPolarity: boolean[];
  span: Span;
}

export interface MemoryDecl {
  /** e.g. "SingleChannelDDR4_2400", "DualChannelDDR4_2400", "ExternalRemoteMemory", "RemoteChanneledMemory". */
  className: string;
  /** Variable it is bound to, if any (e.g. "local_memory"). */
  varName: string | null;
  /** local = in the board's address map (from 0x80000000 on Arm, 0 on X86: boardMemoryMap.ts); remote = the far memory (bridge or channeled). */
  role: 'local' | 'remote' | null;
  /** Size expression (gem5 size string like "2GiB"), when given. */
  size: Expr | null;
  /** `AddrRange(start, end)` or `AddrRange(start, size=…)` given to the memory; end exclusive. */
  addrRange: { start: Expr; end: Expr | null; size: Expr | null; span: Span } | null;
  /** false for the SST bridge (ExternalRemoteMemory / OutgoingRequestBridge); null when unknown. */
  inAddrMap: boolean | null;
  /** Multi-channel memories are interleaved (one merged store). */
  interleaved: boolean | null;
  channels: number | null;
  span: Span;
  /** Conditions the declaration sits under (as in CheckpointUse); absent or empty when unconditional. */
  guards?: Expr[];
  guardPolarity?: boolean[];
}

export interface ProcessorDecl {
  /** "SimpleProcessor", "SimpleSwitchableProcessor", … */
  className: string;
  /** Evaluates to a CPUTypes value string: "atomic" | "timing" | "o3" | "minor" | "kvm". */
  cpuType: Expr | null;
  /** For switchable processors: the core type switched to. */
  switchCpuType: Expr | null;
  numCores: Expr | null;
  span: Span;
  guards?: Expr[];
  guardPolarity?: boolean[];
}

export interface BoardDecl {
  /** "ArmSstDMBoard", "ArmGem5DMBoard", "ArmComposableMemoryBoard", "ArmBoard", … */
  className: string;
  /** Platform class, e.g. "VExpress_GEM5_V1", "VExpress_GEM5_Foundation"; null when not given. */
  platform: string | null;
  /** "for_kvm" when `ArmDefaultRelease.for_kvm()`, another text when given, null when absent. */
  release: string | null;
  clockFrequency: Expr | null;
  span: Span;
  /** Every keyword argument of the board constructor (e.g. `use_sst`, `remote_memory_address_range`, `local_memory_size`). */
  keywords?: Record<string, Expr>;
  guards?: Expr[];
  guardPolarity?: boolean[];
}

export interface WorkloadPath {
  role: 'kernel' | 'bootloader' | 'disk' | 'other';
  value: Expr;
}

export interface Gem5ScriptModel {
  kind: 'gem5';
  /** Absolute file path. */
  path: string;
  options: ArgOption[];
  checkpointUses: CheckpointUse[];
  memories: MemoryDecl[];
  processors: ProcessorDecl[];
  board: BoardDecl | null;
  /** Where `root.sim_quantum` is assigned, or null. */
  simQuantum: Span | null;
  /** Where the script calls `m5.instantiate`/`m5.simulate` itself (not through `Simulator.run()`), or null. */
  manualInstantiate: Span | null;
  /** Every such call, with the `if` conditions it sits under (a unified script instantiates by hand on one branch only). */
  manualCalls: { span: Span; guards?: Expr[]; guardPolarity?: boolean[] }[];
  workloadPaths: WorkloadPath[];
  syntaxErrors: SyntaxIssue[];
  /** Every board construction (unified scripts build one per branch); `board` is the first of them. */
  boards?: BoardDecl[];
  /** Names bound to `parser.parse_args()`, e.g. ["args"]. */
  argsVars?: string[];
  /** How the argparse parser is built (parserSettings.ts); absent = Python's defaults. */
  parserSettings?: ParserSettings;
  /** Where the script has an explicit, speaking branch for an empty value (emptinessTests.ts). */
  emptinessTests?: EmptinessTest[];
  /** Why `options` may not be all the script's options (openOptionSet); absent when they are. */
  optionsOpen?: string;
  /** The script parses with `parse_known_args()`: arguments it does not know are returned, never rejected. */
  knownArgsOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// SST scripts

export interface SstParam {
  key: string;
  value: PyValue;
  keySpan: Span;
  /** Span of the value expression: what a quick fix replaces. */
  valueSpan: Span;
  /** When the value is a name bound once to a string literal (`mem_size: sst_memory_size`), that literal's span. */
  literalSpan?: Span;
  /** The string SST stores for the value (Python's str() of it), or null when unknown. */
  text?: string | null;
}

export interface SstSubComponent {
  slot: string;
  /** e.g. "gem5.gem5Bridge", "memHierarchy.timingDRAM". */
  type: string;
  slotIndex: number;
  params: SstParam[];
  span: Span;
  /** Slot path from the component down to this subcomponent's parent, for nested subcomponents (e.g. ["backend[0]"]). */
  parentPath?: string[];
  site?: SourceSite;
}

/** One component instance; a component created inside `for n in range(N)` appears N times with `node` = n. */
export interface SstComponent {
  /** Creation order over the whole script (what the linear partitioner uses). */
  order: number;
  varName: string | null;
  name: PyValue;
  /** e.g. "gem5.gem5Component", "memHierarchy.MemController", "memHierarchy.Bus". */
  type: string;
  params: SstParam[];
  subComponents: SstSubComponent[];
  /** From `setRank(rank, thread)`, or null. */
  rank: { rank: number; thread: number } | null;
  node: number | null;
  span: Span;
  /** `setRank(rank, thread)` as far as known (null members unknown); absent when setRank was not called. */
  partition?: { rank: number | null; thread: number | null };
  /** Why the model may not know everything about this component (a write it could not follow), if so. */
  incomplete?: string;
  /** Created under a condition the model cannot decide: it may not exist. */
  maybe?: boolean;
  /** The calls (in the main file) that led to the creating call, outermost first. */
  callChain?: Span[];
  /** The file and 1-based line of the creating call (which may be in an imported module). */
  site?: SourceSite;
}

export type { SourceSite } from '../protocol/restorePlanData';

export interface SstLinkEnd {
  /** `order` of the component (or of the component owning the subcomponent). */
  component: number;
  /** Subcomponent slot when the end is a subcomponent's port. */
  slot: string | null;
  /** For a subcomponent end, the slot path from the component (`["backend[0]", "port[1]"]`): SST names it `parent:backend[0]:port[1]`. */
  slotPath?: string[];
  port: string;
  latency: PyValue;
  span: Span;
}

export interface SstLink {
  name: PyValue;
  /** The ends the model knows, in connection order (an end it does not know is left out, see `unknownEnds`). */
  ends: SstLinkEnd[];
  /**
   * Ends whose component the model does not know, by their place in connection order (0 = SST's left): without
   * them a known second end would read as the first.
   */
  unknownEnds?: { at: number; port: string | null; latency: PyValue }[];
  span: Span;
  noCut?: boolean;
  /** Set when an end (or the link itself) could not be followed. */
  incomplete?: string;
  site?: SourceSite;
}

/** A token of a gem5Component `cmd`, split exactly like gem5Component's tokenizer (delimiters: space ' " \). */
export interface CmdToken {
  text: string;
  /** Span of the source literal the token came from. */
  span: Span;
  /** True when `span` covers exactly this token's characters, so a quick fix can replace it in place. */
  exact: boolean;
  /**
   * Runs of the token's characters that map character for character onto a literal in this file (e.g. the value of
   * `f"--chpt-dir={chpt_dir}"` inside `chpt_dir`'s literal): `offset` in the token, `span` in the source.
   */
  parts?: { offset: number; length: number; span: Span }[];
}

export interface Gem5Cmd {
  /** `order` of the gem5Component. */
  component: number;
  node: number | null;
  /** The full cmd string, or null when it could not be evaluated. */
  text: string | null;
  tokens: CmdToken[];
  /** Tokens before the script path (gem5's own options, e.g. `--outdir=…`, `-re`). */
  gem5Options: CmdToken[];
  /** First token ending in `.py` after the gem5 options. */
  script: CmdToken | null;
  scriptArgs: CmdToken[];
  /** Characters in the original value that the tokenizer destroys (quotes, backslashes, spaces inside a value). */
  splitHazards: { char: string; span: Span }[];
  /** Span of the `cmd` value in the source. */
  span: Span;
  /** Why the model does not split a cmd whose text it knows (then `text` is null), e.g. arguments separated by ';'. */
  unsplit?: string;
}

export interface SstScriptModel {
  kind: 'sst';
  path: string;
  components: SstComponent[];
  links: SstLink[];
  gem5Cmds: Gem5Cmd[];
  /** `sst.setProgramOption(key, value)` calls, e.g. timebase, partitioner. */
  programOptions: SstParam[];
  syntaxErrors: SyntaxIssue[];
  /** Places the model lost track of something (information findings), and why the run stopped early, if it did. */
  losses?: { span: Span; what: string }[];
  truncated?: string | null;
  /** The top-level statement of the script that was running when the model stopped (an exception, the budget). */
  truncatedSpan?: Span | null;
  /** Files the script read or looked for while the model ran it (open(), os.path.exists): it depends on them. */
  dataFiles?: string[];
}

export interface OtherScriptModel {
  kind: 'other';
  path: string;
  syntaxErrors: SyntaxIssue[];
}

export type ScriptModel = Gem5ScriptModel | SstScriptModel | OtherScriptModel;
