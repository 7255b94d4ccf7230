/**
 * The workspace engine: finds the gem5/SST scripts, task files and checkpoints under the roots, keeps a model per
 * script (re-parsed only when that file changes; open editor buffers win over disk), resolves the runs that link
 * SST scripts → gem5 scripts → checkpoints → config.ini, and runs the rules. Shared by the language server and
 * `gem5-ckpt check`.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inspectCheckpoint, verifyCheckpoint } from '../checkpoint';
import { analyzeScript } from '../config/scriptDocument';
import { mayBeSimulatorScript } from '../config/scriptKind';
import type { Gem5ScriptModel, ScriptModel, SstScriptModel } from '../config/types';
import type { CheckpointSummary } from '../protocol/checkpoint';
import { runRules } from '../rules/registry';
import type { Gem5Tree, RuleContext } from '../rules/context';
import type { Finding } from '../rules/types';
import { gem5TaskRun, isInside, sstNodeRuns, type RunEnvironment } from './runs';
import { parseTasksFile, type TaskDefinition } from './tasks';
import { DEFAULT_SETTINGS, type CancellationLike, type EngineSettings, type ResolvedRun, type WorkspaceEngine } from './types';
import { MAX_SCRIPT_BYTES, OpenDocuments } from './documents';
import type { TextEdit } from '../config/scriptDocument';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'out', 'build']);
const MAX_FILES = 50_000;
const MAX_DEPTH = 16;
/** The workspace pass starts once edits have stopped for this long (it refines what the open files showed). */
const SETTLE_MS = 250;
/** The workspace pass gives the event loop back this often, so an edit or a request never waits for it. */
const SLICE_MS = 8;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A workspace pass stopped because a file changed under it. */
class SupersededError extends Error {}

interface FileEntry {
  key: string;
  model: ScriptModel;
  text: string;
}

interface ComputeResult {
  findings: Map<string, Finding[]>;
  runs: ResolvedRun[];
  /** Runs of open scripts that do not parse, from their last model that did: for hovers and completion only. */
  featureRuns: ResolvedRun[];
  scripts: Map<string, ScriptModel>;
}

export interface EngineOptions {
  log?(message: string): void;
  /**
   * Called when findings reported earlier may be stale: the workspace pass that follows a settled change (or store
   * verification) found findings that differ from those last returned or last computed. Given this, the engine
   * runs that pass by itself after edits settle.
   */
  onDidChange?(): void;
  /** Called after each check pass with what it analysed (for the log). */
  onPass?(pass: CheckPass): void;
}

export interface CheckPass {
  /** The open SST script of a focused pass; null for a whole-workspace pass. */
  focus: string | null;
  scripts: string[];
  checkpoints: string[];
  taskFiles: string[];
  ms: number;
}

export class WorkspaceIndex implements WorkspaceEngine {
  private settings: EngineSettings;
  private readonly roots: string[];
  /** The editor's buffers; every change invalidates the results computed before it. */
  readonly documents = new OpenDocuments((p) => this.invalidate(p));
  private readonly diskCache = new Map<string, FileEntry>();
  private readonly checkpointCache = new Map<string, { key: string; summary: CheckpointSummary }>();
  private readonly verifyCache = new Map<string, { key: string; problems: CheckpointSummary['problems'] }>();
  private readonly verifying = new Set<string>();
  private fileList: { scripts: string[]; checkpoints: string[]; taskFiles: string[] } | null = null;
  /** The workspace's gem5 tree, found with the file list and dropped with it (undefined: not looked for yet). */
  private gem5TreeCache: Gem5Tree | null | undefined = undefined;
  /** Bumped by every change that can alter a finding; results are valid for the generation they were computed at. */
  private generation = 0;
  /** The last finished workspace pass (possibly older than `generation`: then it only says what is linked to what). */
  private completed: { generation: number; result: ComputeResult } | null = null;
  private running: Promise<ComputeResult> | null = null;
  /** Passes over one open file and what it links to, per file, for the current generation. */
  private readonly focused = new Map<string, { generation: number; result: Promise<ComputeResult> }>();
  /** What findingsFor returned (or the last pass computed) per file, to tell whether a refresh is needed. */
  private readonly delivered = new Map<string, string>();
  private settleTimer: NodeJS.Timeout | null = null;
  /** A workspace pass has finished once, so `delivered` covers every file. */
  private baselined = false;
  private readonly runCache = new WeakMap<SstScriptModel, { envKey: string; runs: ResolvedRun[] }>();

  constructor(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, private readonly opts: EngineOptions = {}) {
    this.roots = roots.map((r) => resolve(r));
    this.settings = settings;
  }

  // -------------------------------------------------------------------------------------------------------------
  // WorkspaceEngine

  setOpenDocument(path: string, text: string, version: number): void {
    this.documents.set(resolve(path), text, version);
  }

  /** Ranged edits as the editor applied them, with the resulting text: recorded now, parsed when asked for. */
  changeOpenDocument(path: string, edits: readonly TextEdit[], text: string, version: number): void {
    this.documents.change(resolve(path), edits, text, version);
  }

  closeDocument(path: string): void {
    this.documents.close(resolve(path));
  }

  fileChanged(path: string): void {
    const p = resolve(path);
    this.diskCache.delete(p);
    if (basename(p) === 'm5.cpt' || p.endsWith('.pmem') || basename(p) === 'config.ini') {
      for (const dir of [dirname(p), join(dirname(p), 'checkpoint')]) this.checkpointCache.delete(dir);
    }
    // A created or deleted file changes the file list.
    if (!existsSync(p) || !this.fileList || (!this.fileList.scripts.includes(p) && !this.fileList.taskFiles.includes(p))) this.fileList = null;
    if (!this.fileList || /[/\\](cpt_upgraders|ext[/\\]sst|src[/\\]sst)[/\\]/.test(p)) this.gem5TreeCache = undefined;
    this.invalidate(p);
  }

  updateSettings(settings: EngineSettings): void {
    this.settings = settings;
    this.invalidate(null);
  }

  async findingsFor(path: string, token?: CancellationLike): Promise<Finding[]> {
    const p = resolve(path);
    const findings = (await this.resultFor(p, token)).findings.get(p) ?? [];
    this.delivered.set(p, signature(findings));
    return findings;
  }

  /**
   * The current workspace pass when it is done; for an open script, otherwise, a pass over just that script and the
   * files it links to (its runs' gem5 scripts, tasks and checkpoints, and the scripts the last workspace pass saw
   * running it): its own findings come from those, so it never waits for the whole workspace.
   */
  private resultFor(p: string, token?: CancellationLike): Promise<ComputeResult> {
    if (this.completed?.generation === this.generation) return withToken(Promise.resolve(this.completed.result), token);
    if (p.endsWith('.py') && this.documents.has(p)) return withToken(this.focusedPass(p), token);
    return this.compute(token);
  }

  private focusedPass(p: string): Promise<ComputeResult> {
    const cached = this.focused.get(p);
    if (cached?.generation === this.generation) return cached.result;
    const result = this.computeNow({ focus: p });
    this.focused.set(p, { generation: this.generation, result });
    result.catch(() => {
      if (this.focused.get(p)?.result === result) this.focused.delete(p);
    });
    return result;
  }

  async findingsAll(token?: CancellationLike): Promise<Map<string, Finding[]>> {
    return (await this.compute(token)).findings;
  }

  /** The model for hovers, links and completion: an open file that does not parse keeps its last good model. */
  modelFor(path: string): ScriptModel | undefined {
    const p = resolve(path);
    const m = this.documents.document(p)?.featureModel ?? this.scriptModel(p);
    return m && m.kind !== 'other' ? m : undefined;
  }

  async runsFor(path: string): Promise<ResolvedRun[]> {
    const p = resolve(path);
    const { runs, featureRuns } = await this.resultFor(p);
    return [...runs, ...featureRuns].filter((r) => r.definedIn === p || r.gem5Script === p || (r.checkpointDir !== null && isInside(r.checkpointDir, p)));
  }

  dependentsOf(path: string): string[] {
    const p = resolve(path);
    const out = new Set<string>([p]);
    // Every file a run is defined in or reads may change its findings when any linked file changes.
    for (const file of this.fileList?.scripts ?? []) out.add(file);
    for (const file of this.fileList?.taskFiles ?? []) out.add(file);
    for (const dir of this.fileList?.checkpoints ?? []) out.add(join(dir, 'm5.cpt'));
    return [...out];
  }

  /** Every resolved run and every script model (for task suggestions and launch checks). */
  async snapshot(token?: CancellationLike): Promise<{ runs: ResolvedRun[]; scripts: Map<string, ScriptModel> }> {
    const r = await this.compute(token);
    return { runs: r.runs, scripts: r.scripts };
  }

  /** The last finished workspace pass even when files changed since (for completion lists), else a new one. */
  async lastSnapshot(): Promise<{ runs: ResolvedRun[]; scripts: Map<string, ScriptModel> }> {
    const r = this.completed?.result ?? (await this.compute());
    return { runs: r.runs, scripts: r.scripts };
  }

  /** When a root is (or holds, one level down) a gem5 source tree: what the build-tree rules read from it. */
  gem5Tree(): Gem5Tree | null {
    if (this.gem5TreeCache === undefined) this.gem5TreeCache = this.findGem5Tree();
    return this.gem5TreeCache;
  }

  private findGem5Tree(): Gem5Tree | null {
    const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
    for (const r of this.roots) {
      for (const dir of [r, ...safeSubdirs(r)]) {
        const upgraders = join(dir, 'util', 'cpt_upgraders');
        if (!existsSync(join(dir, 'src', 'sim')) || !existsSync(upgraders)) continue;
        try {
          const tags = readdirSync(upgraders).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();
          const gem5cc = read(join(dir, 'ext', 'sst', 'gem5.cc'));
          const bridge = read(join(dir, 'src', 'sst', 'outgoing_request_bridge.cc'));
          return {
            root: dir,
            tags,
            hasBaseTime: gem5cc === null ? null : /\bbase_time\b/.test(gem5cc),
            eraA: bridge === null ? null : /physmem\.store0\.pmem/.test(bridge),
          };
        } catch {
          continue;
        }
      }
    }
    return null;
  }

  /** Checkpoint directories found under the roots (for completion). */
  checkpointDirs(): string[] {
    return [...this.files().checkpoints];
  }

  /** True when the workspace pass over the current files and buffers has finished (nothing pending). */
  isCurrent(): boolean {
    return this.completed?.generation === this.generation;
  }

  /** True while store verification runs in the background. */
  isVerifying(): boolean {
    return this.verifying.size > 0;
  }

  // -------------------------------------------------------------------------------------------------------------

  private invalidate(path: string | null): void {
    if (path) this.diskCache.delete(path);
    this.generation++;
    this.focused.clear();
    this.scheduleSettledPass();
  }

  /** In the language server, the workspace pass runs once edits settle, and reports whether any finding changed. */
  private scheduleSettledPass(): void {
    if (!this.opts.onDidChange) return;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.compute().catch((e) => this.opts.log?.(`workspace pass failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    }, SETTLE_MS);
    this.settleTimer.unref?.();
  }

  /** The workspace pass for the current generation: one at a time; a change under it restarts it once edits settle. */
  private compute(token?: CancellationLike): Promise<ComputeResult> {
    if (this.completed?.generation === this.generation) return withToken(Promise.resolve(this.completed.result), token);
    if (!this.running) {
      const run = this.runWorkspacePass().finally(() => {
        if (this.running === run) this.running = null;
      });
      this.running = run;
    }
    return withToken(this.running, token);
  }

  private async runWorkspacePass(): Promise<ComputeResult> {
    for (;;) {
      const generation = this.generation;
      try {
        const result = await this.computeNow({ superseded: () => this.generation !== generation });
        if (this.generation === generation) {
          this.completed = { generation, result };
          this.reconcile(result);
          return result;
        }
      } catch (e) {
        if (!(e instanceof SupersededError)) throw e;
      }
      await this.whenSettled();
    }
  }

  /** Resolves once no change arrived for SETTLE_MS. */
  async whenSettled(): Promise<void> {
    for (;;) {
      const generation = this.generation;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      if (generation === this.generation) return;
    }
  }

  /**
   * After a workspace pass: tell the client to re-pull only when some file's findings differ from what it was given
   * or, for files never asked for, from the previous pass (the first pass only sets that baseline).
   */
  private reconcile(result: ComputeResult): void {
    let changed = false;
    const empty = signature([]);
    for (const file of new Set([...result.findings.keys(), ...this.delivered.keys()])) {
      const sig = signature(result.findings.get(file) ?? []);
      const before = this.delivered.get(file) ?? (this.baselined ? empty : sig);
      if (before !== sig) changed = true;
      if (sig !== empty) this.delivered.set(file, sig);
      else this.delivered.set(file, empty);
    }
    // Files without findings now and before need no entry.
    for (const [file, sig] of this.delivered) if (sig === empty && !result.findings.has(file) && !this.documents.has(file)) this.delivered.delete(file);
    this.baselined = true;
    if (changed) this.opts.onDidChange?.();
  }

  /**
   * The workspace pass; with `focus`, only that script, the scripts the last pass saw running it, and what their
   * runs reach (no tree walk). A whole pass yields every SLICE_MS and stops when `superseded()` says a file changed.
   */
  private async computeNow(opts: { focus?: string; superseded?: () => boolean } = {}): Promise<ComputeResult> {
    const { focus, superseded } = opts;
    const started = performance.now();
    let sliceEnd = performance.now() + SLICE_MS;
    const check = async () => {
      if (focus || performance.now() < sliceEnd) return;
      await new Promise((r) => setImmediate(r));
      if (superseded?.()) throw new SupersededError();
      sliceEnd = performance.now() + SLICE_MS;
    };
    if (!this.settings.enable) return { findings: new Map(), runs: [], featureRuns: [], scripts: new Map() };
    const files = focus ? this.focusFiles(focus) : this.files();
    const existsCache = new Map<string, boolean>();
    const dirCache = new Map<string, string[]>();
    const exists = (p: string) => {
      let v = existsCache.get(p);
      if (v === undefined) existsCache.set(p, (v = this.documents.has(p) || existsSync(p)));
      return v;
    };

    // A script with a syntax error feeds no rule: CPython would not run it (only GS101 reads it).
    const scripts = new Map<string, ScriptModel>();
    const unparsable = new Map<string, ScriptModel>();
    const openScripts = focus ? [] : this.documents.paths().filter((p) => p.endsWith('.py') && this.underRoots(p));
    for (const path of new Set([...files.scripts, ...openScripts])) {
      const m = this.scriptModel(path);
      if (m && m.kind !== 'other') (m.syntaxErrors.length ? unparsable : scripts).set(path, m);
      await check();
    }

    const tasks: TaskDefinition[] = [];
    for (const file of files.taskFiles) {
      const text = this.textOf(file);
      if (text === null) continue;
      const folder = dirname(dirname(file));
      const parsed = parseTasksFile(file, text, folder);
      tasks.push(...parsed.tasks);
    }
    const sstTasks = tasks.filter((t) => t.type === 'sst');
    const env: RunEnvironment = {
      rootOf: (p) => this.roots.find((r) => isInside(r, p)) ?? null,
      exists,
      gem5ModelOf: (p) => {
        const m = scripts.get(p) ?? unparsable.get(p) ?? this.scriptModel(p);
        if (m?.kind !== 'gem5') return null;
        if (m.syntaxErrors.length) {
          unparsable.set(p, m);
          return null;
        }
        return m as Gem5ScriptModel;
      },
      sstTasks,
      sstWorkingDirectory: this.settings.sstWorkingDirectory,
    };
    const runs: ResolvedRun[] = [];
    const envKey = JSON.stringify([sstTasks.map((t) => [t.scriptPath, t.cwd]), this.settings.sstWorkingDirectory]);
    for (const [path, m] of scripts) if (m.kind === 'sst') runs.push(...this.cachedSstRuns(path, m as SstScriptModel, env, envKey));
    for (const t of tasks) if (t.type === 'gem5') runs.push(gem5TaskRun(t, env));
    const featureRuns: ResolvedRun[] = [];
    for (const path of unparsable.keys()) {
      const good = this.documents.document(path)?.featureModel;
      if (good?.kind === 'sst' && !good.syntaxErrors.length) featureRuns.push(...this.cachedSstRuns(path, good as SstScriptModel, env, envKey));
    }
    await check();

    const checkpoints = new Map<string, CheckpointSummary>();
    const dirs = new Set(files.checkpoints);
    for (const r of runs) if (r.checkpointDir && exists(join(r.checkpointDir, 'm5.cpt'))) dirs.add(r.checkpointDir);
    for (const dir of dirs) {
      const s = await this.checkpointSummary(dir);
      if (s) checkpoints.set(dir, s);
      await check();
    }
    for (const r of runs) r.checkpoint = (r.checkpointDir && checkpoints.get(r.checkpointDir)) || null;

    const ctx: RuleContext = {
      scripts, unparsable, runs, sstTasks, checkpoints, exists,
      textOf: (p) => this.textOf(p),
      gem5Tree: this.gem5Tree(),
      listDir: (dir) => {
        let v = dirCache.get(dir);
        if (!v) {
          try {
            v = readdirSync(dir);
          } catch {
            v = [];
          }
          dirCache.set(dir, v);
        }
        return v;
      },
    };
    await check();
    const all = runRules(ctx, { severity: this.settings.severity, log: this.opts.log });
    const findings = new Map<string, Finding[]>();
    for (const f of all) findings.set(f.file, [...(findings.get(f.file) ?? []), f]);
    this.opts.onPass?.({ focus: focus ?? null, scripts: [...scripts.keys()], checkpoints: [...checkpoints.keys()], taskFiles: files.taskFiles, ms: performance.now() - started });
    return { findings, runs, featureRuns, scripts };
  }

  /** What a focused pass reads: the script, the scripts last seen running it, and the task files. */
  private focusFiles(focus: string): { scripts: string[]; checkpoints: string[]; taskFiles: string[] } {
    const scripts = new Set([focus]);
    for (const r of this.completed?.result.runs ?? []) {
      if (r.gem5Script === focus && r.kind === 'sst-node') scripts.add(r.definedIn);
    }
    const taskFiles = this.fileList?.taskFiles ?? this.roots.map((r) => join(r, '.vscode', 'tasks.json')).filter((f) => existsSync(f));
    return { scripts: [...scripts], checkpoints: [], taskFiles };
  }

  /**
   * The runs of an SST script, reused while neither the SST model nor any gem5 model they execute changed
   * (models are cached objects, so identity says "unchanged"): a re-check after one edit redoes only that file.
   */
  private cachedSstRuns(path: string, model: SstScriptModel, env: RunEnvironment, envKey: string): ResolvedRun[] {
    const cached = this.runCache.get(model);
    const unchanged = (r: ResolvedRun) => r.gem5Script
      ? env.gem5ModelOf(r.gem5Script) === r.gem5Model
      : !r.cmd?.script || !env.exists(resolve(r.workingDirectory, r.cmd.script.text)); // still missing
    if (cached && cached.envKey === envKey && cached.runs.every(unchanged)) {
      return cached.runs;
    }
    const runs = sstNodeRuns(path, model, env);
    this.runCache.set(model, { envKey, runs });
    return runs;
  }

  private underRoots(p: string): boolean {
    return this.roots.some((r) => isInside(r, p));
  }

  private files(): { scripts: string[]; checkpoints: string[]; taskFiles: string[] } {
    if (this.fileList) return this.fileList;
    const list = { scripts: [] as string[], checkpoints: [] as string[], taskFiles: [] as string[] };
    let count = 0;
    const walk = (dir: string, depth: number) => {
      if (depth > MAX_DEPTH || count > MAX_FILES) return;
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (++count > MAX_FILES) return;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.vscode')) continue;
          walk(p, depth + 1);
        } else if (e.isFile()) {
          if (e.name.endsWith('.py')) list.scripts.push(p);
          else if (e.name === 'm5.cpt') list.checkpoints.push(dir);
          else if (e.name === 'tasks.json' && basename(dir) === '.vscode') list.taskFiles.push(p);
        }
      }
    };
    for (const r of this.roots) {
      let st: Stats | null = null;
      try {
        st = statSync(r);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(r, 0);
      else if (r.endsWith('.py')) list.scripts.push(r);
    }
    this.fileList = list;
    return list;
  }

  private textOf(path: string): string | null {
    const open = this.documents.textOf(path);
    if (open !== undefined) return open;
    const cached = this.diskCache.get(path);
    if (cached) return cached.text;
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return null;
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  }

  private scriptModel(path: string): ScriptModel | null {
    if (this.documents.has(path)) {
      const doc = this.documents.document(path);
      if (doc) return doc.model;
      return { kind: 'other', path, syntaxErrors: [] };
    }
    let st: Stats;
    try {
      st = statSync(path);
    } catch {
      return null;
    }
    if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return null;
    const key = `${st.size}:${st.mtimeMs}`;
    const cached = this.diskCache.get(path);
    if (cached?.key === key) return cached.model;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    const model: ScriptModel = mayBeSimulatorScript(text) ? safeAnalyze(path, text, this.opts.log) : { kind: 'other', path, syntaxErrors: [] };
    this.diskCache.set(path, { key, model, text });
    return model;
  }

  private async checkpointSummary(dir: string): Promise<CheckpointSummary | null> {
    let key: string;
    try {
      const st = statSync(join(dir, 'm5.cpt'));
      const ini = join(dirname(dir), 'config.ini');
      const iniKey = existsSync(ini) ? statSync(ini).mtimeMs : 0;
      key = `${st.size}:${st.mtimeMs}:${iniKey}`;
    } catch {
      return null;
    }
    let entry = this.checkpointCache.get(dir);
    if (entry?.key !== key) {
      entry = { key, summary: await inspectCheckpoint(dir) };
      this.checkpointCache.set(dir, entry);
    }
    if (!this.settings.verifyStores) return entry.summary;
    const verified = this.verifiedProblems(dir, entry.summary);
    // A store the cheap checks already flagged (GS405 from inspect) is reported once.
    const flagged = new Set(entry.summary.problems.filter((p) => p.code === 'GS405').map((p) => p.file));
    const extra = verified?.filter((p) => !flagged.has(p.file));
    return extra?.length ? { ...entry.summary, problems: [...entry.summary.problems, ...extra] } : entry.summary;
  }

  /** GS405 from inflating the stores: cached by store paths + sizes + mtimes; computed in the background. */
  private verifiedProblems(dir: string, summary: CheckpointSummary): CheckpointSummary['problems'] | null {
    const key = summary.stores.map((s) => {
      try {
        const st = statSync(join(dir, s.file));
        return `${s.file}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${s.file}:missing`;
      }
    }).join('|');
    const cached = this.verifyCache.get(dir);
    if (cached?.key === key) return cached.problems;
    if (!this.verifying.has(dir)) {
      this.verifying.add(dir);
      verifyCheckpoint(dir).then((results) => {
        // Missing files are GS404 already; keep only what inflating found.
        this.verifyCache.set(dir, { key, problems: results.flatMap((r) => r.problems.filter((p) => p.code === 'GS405')) });
        this.invalidate(null);
      }, (e) => this.opts.log?.(`verifying ${dir} failed: ${String(e)}`)).finally(() => this.verifying.delete(dir));
    }
    return cached?.problems ?? null;
  }
}

function safeSubdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name)).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

function safeAnalyze(path: string, text: string, log?: (m: string) => void): ScriptModel {
  try {
    return analyzeScript(path, text);
  } catch (e) {
    log?.(`modelling ${path} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return { kind: 'other', path, syntaxErrors: [] };
  }
}

/** Findings compared by what a user sees of them. */
function signature(findings: readonly Finding[]): string {
  return JSON.stringify(findings, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

function withToken<T>(p: Promise<T>, token?: CancellationLike): Promise<T> {
  return token ? p.then((r) => (token.isCancellationRequested ? Promise.reject(new CancelledError()) : r)) : p;
}

export function createWorkspaceEngine(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, opts: EngineOptions = {}): WorkspaceIndex {
  return new WorkspaceIndex(roots, settings, opts);
}
