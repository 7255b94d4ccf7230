/**
 * The workspace engine: the one object the language server and `gem5-ckpt check` talk to. It owns when a check
 * pass runs and which result is current; the jobs are in their own modules: the files under the roots
 * (files.ts), the editor's buffers (documents.ts), script texts and models (scriptSources.ts), checkpoint
 * summaries and store verification (checkpointCache.ts), per-folder settings (folderSettings.ts) and the pass
 * itself, models → runs → rule context → findings (rulePass.ts).
 */
import { resolve, join } from 'node:path';
import type { ScriptModel } from '../config/types';
import type { TextEdit } from '../config/scriptDocument';
import type { Gem5Tree } from '../rules/context';
import type { Finding } from '../rules/types';
import { CheckpointCache } from './checkpointCache';
import { OpenDocuments } from './documents';
import { WorkspaceFiles, type FileList } from './files';
import { FolderSettings } from './folderSettings';
import { RulePass, type CheckPass, type PassResult } from './rulePass';
import { findingKey, linkedPart, withLinkedPart, type LinkedPart } from './linkedFindings';
import { isInside } from './runs';
import { ScriptSources } from './scriptSources';
import { DEFAULT_SETTINGS, type CancellationLike, type EngineSettings, type ResolvedRun, type WorkspaceEngine } from './types';

export type { CheckPass } from './rulePass';

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
  /**
   * How far up the inferred SST working directory of a script may be, when not up to its workspace folder (null:
   * the folder). The CLI's `check` of a lone file outside any workspace passes the file system root.
   */
  workingDirectorySearchRoot?(sstScript: string): string | null;
}

export class WorkspaceIndex implements WorkspaceEngine {
  private readonly roots: string[];
  private readonly settings: FolderSettings;
  /** The editor's buffers; every change invalidates the results computed before it. */
  readonly documents = new OpenDocuments((p) => this.invalidate(p));
  private readonly files: WorkspaceFiles;
  private readonly sources: ScriptSources;
  private readonly checkpoints: CheckpointCache;
  private readonly pass: RulePass;
  /** Bumped by every change that can alter a finding; results are valid for the generation they were computed at. */
  private generation = 0;
  /** The last finished workspace pass (possibly older than `generation`: then it only says what is linked to what). */
  private completed: { generation: number; result: PassResult } | null = null;
  private running: Promise<PassResult> | null = null;
  /**
   * Passes over one open file, per file and scope, for the current generation: `linked` reads what it links to,
   * `alone` only the file (a gem5 script's own findings, without the runs other files make of it).
   */
  private readonly focused = new Map<string, { generation: number; result: Promise<PassResult> }>();
  /** Per open gem5 script that other files run: the part of its findings those runs make, as of one text of it. */
  private readonly linked = new Map<string, LinkedPart>();
  /** What findingsFor returned (or the last pass computed) per file, to tell whether a refresh is needed. */
  private readonly delivered = new Map<string, string>();
  private settleTimer: NodeJS.Timeout | null = null;
  /** A workspace pass has finished once, so `delivered` covers every file. */
  private baselined = false;

  constructor(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, private readonly opts: EngineOptions = {}) {
    this.roots = roots.map((r) => resolve(r));
    this.settings = new FolderSettings(this.roots, settings);
    this.files = new WorkspaceFiles(this.roots, (root) => this.settings.ofRoot(root).checkpointGlobs);
    this.sources = new ScriptSources(this.documents, opts.log);
    this.checkpoints = new CheckpointCache(() => this.invalidate(null), opts.log);
    this.pass = new RulePass({
      documents: this.documents, sources: this.sources, files: this.files, checkpoints: this.checkpoints,
      settings: this.settings, log: opts.log, onPass: opts.onPass, workingDirectorySearchRoot: opts.workingDirectorySearchRoot,
    });
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
    if (p.endsWith('.py')) this.sources.moduleChanged(p);
    this.checkpoints.fileChanged(p);
    this.files.changed(p);
    this.invalidate(p);
  }

  /** An open Python file was saved: the scripts importing it read it from disk, so they are modelled again. */
  savedModule(path: string): void {
    const p = resolve(path);
    if (!p.endsWith('.py')) return;
    this.sources.moduleChanged(p);
    this.invalidate(null);
  }

  /**
   * The settings of every folder (`perFolder`, keyed by folder path, for multi-root workspaces) and of the rest.
   * Search globs that change make the files be listed again.
   */
  updateSettings(settings: EngineSettings, perFolder?: ReadonlyMap<string, EngineSettings>): void {
    const globsBefore = JSON.stringify(this.roots.map((r) => this.settings.ofRoot(r).checkpointGlobs));
    this.settings.set(settings, perFolder);
    if (JSON.stringify(this.roots.map((r) => this.settings.ofRoot(r).checkpointGlobs)) !== globsBefore) this.files.drop();
    this.invalidate(null);
  }

  /** The settings that apply to a file (those of the workspace folder holding it). */
  settingsFor(path: string): EngineSettings {
    return this.settings.of(resolve(path));
  }

  async findingsFor(path: string, token?: CancellationLike): Promise<Finding[]> {
    const p = resolve(path);
    const findings = await this.findingsOf(p, token);
    this.delivered.set(p, signature(findings));
    return findings;
  }

  /**
   * While someone types in a gem5 script that other files run, its pull gets its own findings for the new text and
   * the part the linked runs made of the last text they were resolved for (resolving them runs the interpreter over
   * the script): the settled workspace pass resolves them again and asks for a refresh if that changed anything.
   * Without someone to ask (no onDidChange: the CLI, tests), every answer is exact.
   */
  private async findingsOf(p: string, token?: CancellationLike): Promise<Finding[]> {
    const part = this.linked.get(p);
    const text = this.documents.textOf(p);
    if (part && text !== undefined && this.opts.onDidChange && !this.isCurrent() && this.linkedRuns(p)) {
      const own = (await withToken(this.focusedPass(p, 'alone'), token)).findings.get(p) ?? [];
      return withLinkedPart(own, part, p, text);
    }
    const generation = this.generation;
    const findings = (await this.resultFor(p, token)).findings.get(p) ?? [];
    if (this.opts.onDidChange && this.generation === generation && this.linkedRuns(p)) await this.noteLinkedPart(p, findings);
    return findings;
  }

  /** True when, as of the last workspace pass, runs defined in other files execute the open script `p`. */
  private linkedRuns(p: string): boolean {
    if (!this.documents.has(p) || !p.endsWith('.py')) return false;
    return (this.completed?.result.runs ?? []).some((r) => r.gem5Script === p && r.definedIn !== p);
  }

  /** Records the linked part of `p`'s findings from its exact findings (`withLinks`) for the current generation. */
  private async noteLinkedPart(p: string, withLinks: readonly Finding[]): Promise<void> {
    const generation = this.generation;
    const text = this.documents.textOf(p);
    const alone = await this.focusedPass(p, 'alone').catch(() => null);
    if (!alone || text === undefined || generation !== this.generation) return;
    this.linked.set(p, linkedPart(withLinks, alone.findings.get(p) ?? [], text));
  }

  /**
   * The current workspace pass when it is done; for an open script, otherwise, a pass over just that script and the
   * files it links to (its runs' gem5 scripts, tasks and checkpoints, and the scripts the last workspace pass saw
   * running it): its own findings come from those, so it never waits for the whole workspace.
   */
  private resultFor(p: string, token?: CancellationLike): Promise<PassResult> {
    if (this.completed?.generation === this.generation) return withToken(Promise.resolve(this.completed.result), token);
    if (p.endsWith('.py') && this.documents.has(p)) return withToken(this.focusedPass(p, 'linked'), token);
    return this.compute(token);
  }

  private focusedPass(p: string, scope: 'linked' | 'alone'): Promise<PassResult> {
    const key = `${scope}:${p}`;
    const cached = this.focused.get(key);
    if (cached?.generation === this.generation) return cached.result;
    const result = this.computeNow({ focus: p, alone: scope === 'alone' });
    this.focused.set(key, { generation: this.generation, result });
    result.catch(() => {
      if (this.focused.get(key)?.result === result) this.focused.delete(key);
    });
    return result;
  }

  async findingsAll(token?: CancellationLike): Promise<Map<string, Finding[]>> {
    return (await this.compute(token)).findings;
  }

  /** The model for hovers, links and completion: an open file that does not parse keeps its last good model. */
  modelFor(path: string): ScriptModel | undefined {
    const p = resolve(path);
    const m = this.documents.document(p)?.featureModel ?? this.sources.model(p);
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
    const list = this.files.current();
    for (const file of list?.scripts ?? []) out.add(file);
    for (const file of list?.taskFiles ?? []) out.add(file);
    for (const dir of list?.checkpoints ?? []) out.add(join(dir, 'm5.cpt'));
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
    return this.files.gem5Tree();
  }

  /** Checkpoint directories found under the roots (for completion). */
  async checkpointDirs(): Promise<string[]> {
    return [...(await this.files.files()).checkpoints];
  }

  /** True when the workspace pass over the current files and buffers has finished (nothing pending). */
  isCurrent(): boolean {
    return this.completed?.generation === this.generation;
  }

  /** True while store verification runs in the background. */
  isVerifying(): boolean {
    return this.checkpoints.isVerifying();
  }

  // -------------------------------------------------------------------------------------------------------------

  private invalidate(path: string | null): void {
    if (path) this.sources.forget(path);
    this.generation++;
    this.focused.clear();
    // A script's linked part follows its own edits (findingShift.ts); any other change may alter it.
    for (const file of this.linked.keys()) if (file !== path) this.linked.delete(file);
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
  private compute(token?: CancellationLike): Promise<PassResult> {
    if (this.completed?.generation === this.generation) return withToken(Promise.resolve(this.completed.result), token);
    if (!this.running) {
      const run = this.runWorkspacePass().finally(() => {
        if (this.running === run) this.running = null;
      });
      this.running = run;
    }
    return withToken(this.running, token);
  }

  private async runWorkspacePass(): Promise<PassResult> {
    for (;;) {
      const generation = this.generation;
      try {
        const result = await this.computeNow({ superseded: () => this.generation !== generation });
        if (this.generation === generation) {
          this.completed = { generation, result };
          this.reconcile(result);
          await this.noteLinkedParts(result);
          return result;
        }
      } catch (e) {
        if (!(e instanceof SupersededError)) throw e;
      }
      await this.whenSettled();
    }
  }

  /** After a workspace pass: the linked part of every open script other files run, ready for the next edit. */
  private async noteLinkedParts(result: PassResult): Promise<void> {
    if (!this.opts.onDidChange) return;
    for (const p of this.documents.paths()) {
      if (this.linkedRuns(p)) await this.noteLinkedPart(p, result.findings.get(p) ?? []);
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
  private reconcile(result: PassResult): void {
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
  private async computeNow(opts: { focus?: string; alone?: boolean; superseded?: () => boolean } = {}): Promise<PassResult> {
    const { focus, superseded } = opts;
    let sliceEnd = performance.now() + SLICE_MS;
    const pause = async () => {
      if (focus || performance.now() < sliceEnd) return;
      await new Promise((r) => setImmediate(r));
      if (superseded?.()) throw new SupersededError();
      sliceEnd = performance.now() + SLICE_MS;
    };
    const files = focus ? (opts.alone ? { scripts: [focus], checkpoints: [], taskFiles: [] } : this.focusFiles(focus)) : await this.files.files();
    return this.pass.run(files, { focus, pause });
  }

  /** What a focused pass reads: the script, the scripts last seen running it, and the task files. */
  private focusFiles(focus: string): FileList {
    const scripts = new Set([focus]);
    for (const r of this.completed?.result.runs ?? []) {
      if (r.gem5Script === focus && r.kind === 'sst-node') scripts.add(r.definedIn);
    }
    return { scripts: [...scripts], checkpoints: [], taskFiles: this.files.taskFilesNow() };
  }
}

/** Findings compared by what a user sees of them (in any order). */
function signature(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map(findingKey).sort());
}

function withToken<T>(p: Promise<T>, token?: CancellationLike): Promise<T> {
  return token ? p.then((r) => (token.isCancellationRequested ? Promise.reject(new CancelledError()) : r)) : p;
}

export function createWorkspaceEngine(roots: string[], settings: EngineSettings = DEFAULT_SETTINGS, opts: EngineOptions = {}): WorkspaceIndex {
  return new WorkspaceIndex(roots, settings, opts);
}
