/**
 * One check pass: script models → resolved runs → checkpoint summaries → rule context → findings, each file's
 * findings reported with the settings of its workspace folder. The scheduling (when a pass runs, which result is
 * current) is the engine's; this module only computes.
 */
import { ModelForRun, agreedRun } from './sstModelOptions';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Gem5ScriptModel, ScriptModel, SstScriptModel } from '../config/types';
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { RuleContext } from '../rules/context';
import { runRules } from '../rules/registry';
import type { Finding } from '../rules/types';
import type { CheckpointCache } from './checkpointCache';
import type { OpenDocuments } from './documents';
import type { FileList, WorkspaceFiles } from './files';
import type { FolderSettings } from './folderSettings';
import { gem5TaskRun, isInside, sstNodeRuns, type RunEnvironment } from './runs';
import type { ScriptSources } from './scriptSources';
import { parseTasksFile, type TaskDefinition } from './tasks';
import type { ResolvedRun } from './types';

export interface PassResult {
  findings: Map<string, Finding[]>;
  runs: ResolvedRun[];
  /** Runs of open scripts that do not parse, from their last model that did: for hovers and completion only. */
  featureRuns: ResolvedRun[];
  scripts: Map<string, ScriptModel>;
}

/** What a pass analysed, for the log. */
export interface CheckPass {
  /** The open SST script of a focused pass; null for a whole-workspace pass. */
  focus: string | null;
  scripts: string[];
  checkpoints: string[];
  taskFiles: string[];
  ms: number;
}

export interface RulePassDeps {
  documents: OpenDocuments;
  sources: ScriptSources;
  files: WorkspaceFiles;
  checkpoints: CheckpointCache;
  settings: FolderSettings;
  log?(message: string): void;
  onPass?(pass: CheckPass): void;
  /** See EngineOptions.workingDirectorySearchRoot. */
  workingDirectorySearchRoot?(sstScript: string): string | null;
}

export interface PassOptions {
  /** The open script of a focused pass (its open siblings are not added). */
  focus?: string;
  /** Awaited between steps: a whole pass gives the event loop back here (and stops by throwing). */
  pause(): Promise<void>;
}

export class RulePass {
  private readonly runCache = new WeakMap<SstScriptModel, { envKey: string; runs: ResolvedRun[] }>();

  private readonly forRun = new ModelForRun();

  constructor(private readonly deps: RulePassDeps) {}

  async run(files: FileList, opts: PassOptions): Promise<PassResult> {
    const { documents, sources, settings } = this.deps;
    const { focus, pause } = opts;
    const started = performance.now();
    if (!settings.all().some((s) => s.enable)) return { findings: new Map(), runs: [], featureRuns: [], scripts: new Map() };
    const existsCache = new Map<string, boolean>();
    const dirCache = new Map<string, string[]>();
    const exists = (p: string) => {
      let v = existsCache.get(p);
      if (v === undefined) existsCache.set(p, (v = documents.has(p) || existsSync(p)));
      return v;
    };

    // A script with a syntax error feeds no rule: CPython would not run it (only GS101 reads it).
    const scripts = new Map<string, ScriptModel>();
    const unparsable = new Map<string, ScriptModel>();
    const openScripts = focus ? [] : documents.paths().filter((p) => p.endsWith('.py') && this.deps.files.underRoots(p));
    for (const path of new Set([...files.scripts, ...openScripts])) {
      const m = sources.model(path);
      if (m && m.kind !== 'other') (m.syntaxErrors.length ? unparsable : scripts).set(path, m);
      await pause();
    }

    const tasks: TaskDefinition[] = [];
    for (const file of files.taskFiles) {
      const text = sources.textOf(file);
      if (text === null) continue;
      // An sst task without ranks is launched with gem5sst.defaultRanks (client/src/tasks/commandLine.ts): read it so.
      const defaultRanks = settings.of(file).defaultRanks;
      tasks.push(...parseTasksFile(file, text, dirname(dirname(file))).tasks
        .map((t) => (t.type === 'sst' && t.ranks === null ? { ...t, ranks: defaultRanks } : t)));
    }
    const sstTasks = tasks.filter((t) => t.type === 'sst');
    const roots = this.deps.files.roots;
    const env: RunEnvironment = {
      rootOf: (p) => roots.find((r) => isInside(r, p)) ?? null,
      exists,
      gem5ModelOf: (p) => {
        const m = scripts.get(p) ?? unparsable.get(p) ?? sources.model(p);
        if (m?.kind !== 'gem5') return null;
        if (m.syntaxErrors.length) {
          unparsable.set(p, m);
          return null;
        }
        return m as Gem5ScriptModel;
      },
      sstTasks,
      sstWorkingDirectoryOf: (p) => settings.of(p).sstWorkingDirectory,
      searchRootOf: this.deps.workingDirectorySearchRoot,
    };
    for (const [path, m] of scripts) {
      const run = m.kind === 'sst' ? agreedRun(sstTasks, path) : null;
      const text = run ? sources.textOf(path) : null;
      if (run && text !== null) scripts.set(path, this.forRun.of(path, m as SstScriptModel, text, run));
    }
    const runs: ResolvedRun[] = [];
    const envKey = JSON.stringify([sstTasks.map((t) => [t.scriptPath, t.cwd]), roots.map((r) => settings.ofRoot(r).sstWorkingDirectory), settings.defaults().sstWorkingDirectory]);
    for (const [path, m] of scripts) if (m.kind === 'sst') runs.push(...this.sstRuns(path, m as SstScriptModel, env, envKey));
    for (const t of tasks) if (t.type === 'gem5') runs.push(gem5TaskRun(t, env));
    const featureRuns: ResolvedRun[] = [];
    for (const path of unparsable.keys()) {
      const good = documents.document(path)?.featureModel;
      if (good?.kind === 'sst' && !good.syntaxErrors.length) featureRuns.push(...this.sstRuns(path, good as SstScriptModel, env, envKey));
    }
    await pause();

    const checkpoints = new Map<string, CheckpointSummary>();
    const dirs = new Set(files.checkpoints);
    for (const r of runs) if (r.checkpointDir && exists(join(r.checkpointDir, 'm5.cpt'))) dirs.add(r.checkpointDir);
    for (const dir of dirs) {
      const s = await this.deps.checkpoints.summary(dir, settings.of(dir).verifyStores);
      if (s) checkpoints.set(dir, s);
      await pause();
    }
    for (const r of runs) r.checkpoint = (r.checkpointDir && checkpoints.get(r.checkpointDir)) || null;

    const ctx: RuleContext = {
      scripts, unparsable, runs, sstTasks, checkpoints, exists,
      textOf: (p) => sources.textOf(p),
      gem5Tree: this.deps.files.gem5Tree(),
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
    await pause();
    const uniform = settings.uniform();
    const all = runRules(ctx, uniform
      ? { severity: settings.defaults().severity, log: this.deps.log }
      : { severityOf: (file) => settings.of(file).severity, log: this.deps.log });
    const findings = new Map<string, Finding[]>();
    for (const f of all) {
      if (!uniform && !settings.of(f.file).enable) continue;
      findings.set(f.file, [...(findings.get(f.file) ?? []), f]);
    }
    this.deps.onPass?.({ focus: focus ?? null, scripts: [...scripts.keys()], checkpoints: [...checkpoints.keys()], taskFiles: files.taskFiles, ms: performance.now() - started });
    return { findings, runs, featureRuns, scripts };
  }

  /**
   * The runs of an SST script, reused while neither the SST model nor any gem5 model they execute changed
   * (models are cached objects, so identity says "unchanged"): a re-check after one edit redoes only that file.
   */
  private sstRuns(path: string, model: SstScriptModel, env: RunEnvironment, envKey: string): ResolvedRun[] {
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
}
