/**
 * The workspace engine: finds the gem5/SST scripts, task files and checkpoints under the roots, keeps a model per
 * script (re-parsed only when that file changes; open editor buffers win over disk), resolves the runs that link
 * SST scripts → gem5 scripts → checkpoints → config.ini, and runs the rules. Shared by the language server and
 * `gem5-ckpt check`.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inspectCheckpoint, verifyCheckpoint } from '../checkpoint';
import { ScriptDocument, analyzeScript } from '../config/scriptDocument';
import { mayBeSimulatorScript } from '../config/scriptKind';
import type { Gem5ScriptModel, ScriptModel, SstScriptModel } from '../config/types';
import type { CheckpointSummary } from '../protocol/checkpoint';
import { runRules } from '../rules/registry';
import type { Gem5Tree, RuleContext } from '../rules/context';
import type { Finding } from '../rules/types';
import { gem5TaskRun, isInside, sstNodeRuns, type RunEnvironment } from './runs';
import { parseTasksFile, type TaskDefinition } from './tasks';
import { DEFAULT_SETTINGS, type CancellationLike, type EngineSettings, type ResolvedRun, type WorkspaceEngine } from './types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'out', 'build']);
const MAX_FILES = 50_000;
const MAX_DEPTH = 16;
/** Scripts larger than this are not config scripts; they are skipped rather than parsed. */
const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

interface FileEntry {
  key: string;
  model: ScriptModel;
  text: string;
}

interface ComputeResult {
  findings: Map<string, Finding[]>;
  runs: ResolvedRun[];
  scripts: Map<string, ScriptModel>;
}

export interface EngineOptions {
  log?(message: string): void;
  /** Called when background work (store verification) changed the findings. */
  onDidChange?(): void;
}

export class WorkspaceIndex implements WorkspaceEngine {
  private settings: EngineSettings;
  private readonly roots: string[];
  private readonly open = new Map<string, { doc: ScriptDocument | null; text: string; version: number }>();
  private readonly diskCache = new Map<string, FileEntry>();
  private readonly checkpointCache = new Map<string, { key: string; summary: CheckpointSummary }>();
  private readonly verifyCache = new Map<string, { key: string; problems: CheckpointSummary['problems'] }>();
  private readonly verifying = new Set<string>();
  private fileList: { scripts: string[]; checkpoints: string[]; taskFiles: string[] } | null = null;
  /** The workspace's gem5 tree, found with the file list and dropped with it (undefined: not looked for yet). */
  private gem5TreeCache: Gem5Tree | null | undefined = undefined;
  private result: Promise<ComputeResult> | null = null;
  private readonly runCache = new WeakMap<SstScriptModel, { envKey: string; runs: ResolvedRun[] }>();

  constructor(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, private readonly opts: EngineOptions = {}) {
    this.roots = roots.map((r) => resolve(r));
    this.settings = settings;
  }

  // -------------------------------------------------------------------------------------------------------------
  // WorkspaceEngine

  setOpenDocument(path: string, text: string, version: number): void {
    const p = resolve(path);
    const prev = this.open.get(p);
    if (prev && prev.version === version && prev.text === text) return;
    // Huge buffers are not config scripts: keep them out of the typing path (no parse, no model).
    const isPython = p.endsWith('.py') && text.length <= MAX_SCRIPT_BYTES;
    let doc = prev?.doc ?? null;
    if (isPython) {
      if (doc) applyTextChange(doc, text);
      else doc = new ScriptDocument(p, text);
    }
    this.open.set(p, { doc, text, version });
    this.invalidate(p);
  }

  closeDocument(path: string): void {
    this.open.delete(resolve(path));
    this.invalidate(resolve(path));
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
    this.result = null;
  }

  async findingsFor(path: string, token?: CancellationLike): Promise<Finding[]> {
    const p = resolve(path);
    // The open SST script first: when no workspace pass is ready, analyse just it (and the gem5 scripts, tasks and
    // checkpoints its runs name) — its findings are the same — and let the whole workspace follow in the background.
    if (!this.result && this.open.get(p)?.doc?.model.kind === 'sst') {
      const focused = await this.computeNow(token, p);
      void this.compute().then(() => this.opts.onDidChange?.(), () => undefined);
      return focused.findings.get(p) ?? [];
    }
    return (await this.compute(token)).findings.get(p) ?? [];
  }

  async findingsAll(token?: CancellationLike): Promise<Map<string, Finding[]>> {
    return (await this.compute(token)).findings;
  }

  modelFor(path: string): ScriptModel | undefined {
    const p = resolve(path);
    const m = this.scriptModel(p);
    return m && m.kind !== 'other' ? m : undefined;
  }

  async runsFor(path: string): Promise<ResolvedRun[]> {
    const p = resolve(path);
    const { runs } = await this.compute();
    return runs.filter((r) => r.definedIn === p || r.gem5Script === p || (r.checkpointDir !== null && isInside(r.checkpointDir, p)));
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

  /** True while store verification runs in the background. */
  isVerifying(): boolean {
    return this.verifying.size > 0;
  }

  // -------------------------------------------------------------------------------------------------------------

  private invalidate(path: string): void {
    this.diskCache.delete(path);
    this.result = null;
  }

  private compute(token?: CancellationLike): Promise<ComputeResult> {
    if (!this.result) {
      const p = this.computeNow(token);
      this.result = p;
      p.catch(() => {
        if (this.result === p) this.result = null;
      });
    }
    const current = this.result;
    return token ? current.then((r) => (token.isCancellationRequested ? Promise.reject(new CancelledError()) : r)) : current;
  }

  /** The workspace pass; with `focus`, only that SST script and what its runs reach (no tree walk). */
  private async computeNow(token?: CancellationLike, focus?: string): Promise<ComputeResult> {
    const check = () => {
      if (token?.isCancellationRequested) throw new CancelledError();
    };
    if (!this.settings.enable) return { findings: new Map(), runs: [], scripts: new Map() };
    const files = focus
      ? { scripts: [focus], checkpoints: [] as string[], taskFiles: this.roots.map((r) => join(r, '.vscode', 'tasks.json')).filter((f) => existsSync(f)) }
      : this.files();
    const existsCache = new Map<string, boolean>();
    const dirCache = new Map<string, string[]>();
    const exists = (p: string) => {
      let v = existsCache.get(p);
      if (v === undefined) existsCache.set(p, (v = this.open.has(p) || existsSync(p)));
      return v;
    };

    const scripts = new Map<string, ScriptModel>();
    const openScripts = focus ? [] : [...this.open.keys()].filter((p) => p.endsWith('.py') && this.underRoots(p));
    for (const path of new Set([...files.scripts, ...openScripts])) {
      const m = this.scriptModel(path);
      if (m && m.kind !== 'other') scripts.set(path, m);
    }
    check();

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
        const m = scripts.get(p) ?? this.scriptModel(p);
        return m?.kind === 'gem5' ? (m as Gem5ScriptModel) : null;
      },
      sstTasks,
      sstWorkingDirectory: this.settings.sstWorkingDirectory,
    };
    const runs: ResolvedRun[] = [];
    const envKey = JSON.stringify([sstTasks.map((t) => [t.scriptPath, t.cwd]), this.settings.sstWorkingDirectory]);
    for (const [path, m] of scripts) if (m.kind === 'sst') runs.push(...this.cachedSstRuns(path, m as SstScriptModel, env, envKey));
    for (const t of tasks) if (t.type === 'gem5') runs.push(gem5TaskRun(t, env));
    check();

    const checkpoints = new Map<string, CheckpointSummary>();
    const dirs = new Set(files.checkpoints);
    for (const r of runs) if (r.checkpointDir && exists(join(r.checkpointDir, 'm5.cpt'))) dirs.add(r.checkpointDir);
    for (const dir of dirs) {
      const s = await this.checkpointSummary(dir);
      if (s) checkpoints.set(dir, s);
      check();
    }
    for (const r of runs) r.checkpoint = (r.checkpointDir && checkpoints.get(r.checkpointDir)) || null;

    const ctx: RuleContext = {
      scripts, runs, sstTasks, checkpoints, exists,
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
    const all = runRules(ctx, { severity: this.settings.severity, log: this.opts.log });
    const findings = new Map<string, Finding[]>();
    for (const f of all) findings.set(f.file, [...(findings.get(f.file) ?? []), f]);
    return { findings, runs, scripts };
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
    const o = this.open.get(path);
    if (o) return o.text;
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
    const o = this.open.get(path);
    if (o?.doc) return o.doc.model;
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
        this.result = null;
        this.opts.onDidChange?.();
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

/** Turns a whole-text update into one minimal edit, so the parser can reuse the unchanged parts of the tree. */
function applyTextChange(doc: ScriptDocument, text: string): void {
  const old = doc.text;
  if (old === text) return;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = text.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  doc.applyEdits([{ from: start, to: endOld, insert: text.slice(start, endNew) }]);
}

export function createWorkspaceEngine(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, opts: EngineOptions = {}): WorkspaceIndex {
  return new WorkspaceIndex(roots, settings, opts);
}
