/**
 * The language server: the workspace engine behind LSP. Pull diagnostics (push for clients without them), refreshed
 * when a related file, a checkpoint or the settings change; incremental text sync; quick fixes, hover, links,
 * definition and completion. A failing request is logged and answered empty: the server never dies from a document.
 */
import {
  DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, ResponseError, TextDocumentSyncKind,
  LSPErrorCodes, type CancellationToken, type CodeAction, type Range, type InlayHint, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { DocumentSync } from './documentSync';
import { warmUp } from './warmUp';
import { SETTINGS_SECTION } from '../protocol/settings';
import { FolderConfiguration } from './folderConfiguration';
import { CancelledError, createWorkspaceEngine, type WorkspaceIndex } from '../workspace/engine';
import type { Finding } from '../rules/types';
import { codeActionsFor, pathOf, toDiagnostic, uriOf } from './convert';
import { completionsAt, definitionAt, hoverAt, inlayHintsFor, linksFor } from './features';
import { join, resolve } from 'node:path';
import { readSmallFile } from './readSmallFile';
import type { SstScriptModel } from '../config/types';
import { RunFilesRequest, StatusRequest, SuggestedTasksRequest, type SuggestedTask } from '../protocol/lsp';
import { isInside } from '../workspace/runs';
import { suggestTasks } from '../workspace/suggestTasks';
import { formatPass, shouldLogPass } from './passLog';
import { rangesOverlap, workingDirectoryActions } from './workingDirectoryFix';
import { fileStatus } from './status';
import type { FileStatus } from '../protocol/status';
import { workspaceReport } from './workspaceDiagnostics';
import { saveCodeCacheOfThisProcess } from './codeCacheHook';

/** How long a workspace diagnostics request waits before computing, so open files are checked first. */
const WORKSPACE_PULL_YIELD_MS = 250;
import { registerRetarget } from '../retarget/lsp';
import { registerRestorePlan } from '../restorePlan/lsp';

/** Files whose changes outside the editor matter to the rules. */
export const WATCHED_GLOBS = ['**/*.py', '**/m5.cpt', '**/*.pmem', '**/config.ini', '**/.vscode/tasks.json'];

/** Push mode: diagnostics of a changed document go out once its edits have paused this long. */
const PUSH_SETTLE_MS = 30;

export function startServer(connection: Connection): void {
  // Edits are recorded as they come and cost no parse; analysis happens when a result is asked for.
  const documents = new DocumentSync({
    onText: (uri, text, version) => {
      engine?.setOpenDocument(pathOf(uri), text, version);
      schedulePush(uri);
    },
    onEdits: (uri, edits, text, version) => {
      engine?.changeOpenDocument(pathOf(uri), edits, text, version);
      schedulePush(uri);
    },
    onClose: (uri) => engine?.closeDocument(pathOf(uri)),
  });
  let engine: WorkspaceIndex | null = null;
  let roots: string[] = [];
  let pullDiagnostics = false;
  let configurationSupport = false;
  let watchRegistration = false;
  let workDoneProgress = false;
  /** Each workspace folder's `gem5sst.*` settings, read at start-up and again on each configuration change. */
  let config = new FolderConfiguration([], null);
  /** Last findings published/pulled per file, for code actions. */
  const lastFindings = new Map<string, Finding[]>();
  let refreshTimer: NodeJS.Timeout | null = null;
  /** Push mode: a generation number per file so an older computation never overwrites a newer one. */
  let generation = 0;
  const pushTimers = new Map<string, NodeJS.Timeout>();
  /** The settings last applied (JSON per group), to skip refreshes for configuration events that change nothing. */
  let applied: ReturnType<FolderConfiguration['keys']> | null = null;
  let pushedSettings: unknown = undefined;

  const log = (m: string) => connection.console.log(m);

  const safe = <P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => Promise<R> | R) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (e) {
        if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      }
    };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    roots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri));
    if (!roots.length && params.rootUri) roots = [pathOf(params.rootUri)];
    pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
    configurationSupport = Boolean(params.capabilities.workspace?.configuration);
    watchRegistration = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    workDoneProgress = Boolean(params.capabilities.window?.workDoneProgress);
    config = new FolderConfiguration(roots, configurationSupport ? (items) => connection.workspace.getConfiguration(items) : null);
    engine = createWorkspaceEngine(roots, undefined, { log, onDidChange: () => scheduleRefresh(), onPass: (p) => shouldLogPass(p) && log(formatPass(p, roots)) });
    await warmUp(log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['-', '=', '"', "'"] },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'gem5-sst-checkpoints' },
    };
  });

  connection.onInitialized(async () => {
    if (watchRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    await reloadSettings();
    // Index the workspace once in the background, with progress the editor shows; later changes are incremental.
    // The pass yields to the editor's requests, and open files never wait for it.
    if (!engine) return;
    // Files opened at start-up come first: the workspace pass waits until the editor has been quiet for a moment.
    await engine.whenSettled();
    const progress = workDoneProgress ? await connection.window.createWorkDoneProgress() : null;
    progress?.begin('gem5 + SST: indexing scripts and checkpoints', undefined, undefined, false);
    await engine.findingsAll().catch((e) => log(`indexing failed: ${String(e)}`));
    progress?.done();
    if (!pullDiagnostics) await pushAll();
  });

  async function reloadSettings(): Promise<void> {
    if (!engine) return;
    // Clients without workspace/configuration send the settings with the notification instead.
    await config.reload(pushedSettings, log);
    const keys = config.keys();
    const before = applied;
    applied = keys;
    // Hints start off: the editor asked before the settings were read, so turning them on needs a refresh too.
    if (before ? before.hints !== keys.hints : keys.hints.includes('true')) void connection.languages.inlayHint.refresh().catch(() => undefined);
    // Unchanged settings (the first read at start-up, most configuration events) change no finding: no refresh.
    if (before?.engine === keys.engine) {
      if (before.modes !== keys.modes) scheduleRefresh();
      return;
    }
    const { defaults, perFolder } = config.engineSettings();
    engine.updateSettings(defaults, perFolder);
    if (before) scheduleRefresh();
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (!configurationSupport) pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    await reloadSettings();
  });

  /**
   * Asks the client to re-pull every open document. Only for what the pulls of the edited document cannot show: a
   * settings change, or the engine's settled workspace pass finding that some file's findings changed. Changes in
   * one burst coalesce into one request.
   */
  function scheduleRefresh(): void {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else void pushAll();
    }, 50);
  }

  async function pushAll(): Promise<void> {
    if (!engine) return;
    const mine = ++generation;
    const all = await engine.findingsAll().catch((e) => {
      log(`diagnostics failed: ${String(e)}`);
      return null;
    });
    if (!all || mine !== generation) return; // a newer computation is under way
    const files = new Set([...all.keys(), ...lastFindings.keys()]);
    for (const file of files) {
      const shown = documents.get(uriOf(file)) !== undefined || config.modeOf(file) === 'workspace';
      const findings = shown ? all.get(file) ?? [] : [];
      const before = lastFindings.get(file);
      lastFindings.set(file, findings);
      if (before && sameFindings(before, findings)) continue; // the client has these already
      await connection.sendDiagnostics({ uri: uriOf(file), diagnostics: findings.map(toDiagnostic) });
    }
  }

  /** Push mode: one document's diagnostics, once its edits pause (its own findings, without the workspace pass). */
  function schedulePush(uri: string): void {
    if (pullDiagnostics) return;
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(uri, setTimeout(() => {
      pushTimers.delete(uri);
      void pushOne(uri);
    }, PUSH_SETTLE_MS));
  }

  async function pushOne(uri: string): Promise<void> {
    if (!engine || !documents.get(uri)) return;
    const version = documents.get(uri)?.version;
    const path = pathOf(uri);
    const findings = await engine.findingsFor(path).catch((e) => {
      log(`diagnostics failed: ${String(e)}`);
      return null;
    });
    if (!findings || documents.get(uri)?.version !== version) return; // a newer push is scheduled
    lastFindings.set(path, findings);
    await connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
  }

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = pathOf(change.uri);
      // The editor buffer wins for the file itself; the scripts importing it read the saved file.
      if (documents.get(change.uri)) {
        engine?.savedModule(path);
        continue;
      }
      engine?.fileChanged(path);
    }
    // No refresh here: the engine's settled pass asks for one if a finding changed.
  });

  connection.languages.diagnostics.on(safe('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
    if (!engine) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const path = pathOf(params.textDocument.uri);
    const version = documents.get(params.textDocument.uri)?.version;
    const findings = await engine.findingsFor(path, token);
    // The buffer changed while this was computed (only possible across awaits): let the client ask again.
    if (documents.get(params.textDocument.uri)?.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer edit', { retriggerRequest: true });
    }
    lastFindings.set(path, findings);
    return { kind: DocumentDiagnosticReportKind.Full, items: findings.map(toDiagnostic) };
  }));

  // Files nobody opened: the client polls this (every 2 s after an answer); unchanged files cost a hash.
  connection.languages.diagnostics.onWorkspace(safe('workspaceDiagnostics', { items: [] }, async (params, token) => {
    if (!engine) return { items: [] };
    // Let the open files' document pulls (queued with this at start-up and after edits) go first.
    if (documents.all().length) await new Promise((r) => setTimeout(r, WORKSPACE_PULL_YIELD_MS));
    const all = await engine.findingsAll(token);
    const byUri = new Map<string, ReturnType<typeof toDiagnostic>[]>();
    for (const [file, findings] of all) {
      if (!documents.get(uriOf(file))) lastFindings.set(file, findings);
      byUri.set(uriOf(file), findings.map(toDiagnostic));
    }
    return workspaceReport(byUri, params.previousResultIds, (uri) => documents.get(uri) !== undefined, (uri) => config.modeOf(pathOf(uri)));
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    if (!engine) return [];
    const path = pathOf(params.textDocument.uri);
    const findings = lastFindings.get(path) ?? (await engine.findingsFor(path));
    return [...codeActionsFor(findings, params.range), ...await workingDirectoryFixes(path, params.range, findings)];
  }));

  async function workingDirectoryFixes(path: string, range: Range, findings: readonly Finding[]): Promise<CodeAction[]> {
    if (!engine) return [];
    // Code actions are asked for on every cursor move: only a cursor on a cmd's gem5 script path may need the runs.
    const model = engine.modelFor(path);
    if (model?.kind !== 'sst' || !model.gem5Cmds.some((c) => c.script && rangesOverlap(c.script.span, range))) return [];
    const { scripts } = await engine.snapshot();
    return workingDirectoryActions(path, range, await engine.runsFor(path), {
      root: roots.find((r) => isInside(r, path)) ?? null,
      knownFiles: scripts.keys(),
      textOf: (p) => documents.get(uriOf(p))?.getText() ?? readSmallFile(p) ?? null,
      diagnosticFor: (run) => {
        const f = findings.find((x) => x.code === 'GS102' && run.cmd?.script && x.span.start.line === run.cmd.script.span.start.line && x.span.start.character === run.cmd.script.span.start.character);
        return f && toDiagnostic(f);
      },
    });
  }

  connection.onHover(safe('hover', null, async (params) => {
    if (!engine) return null;
    const path = pathOf(params.textDocument.uri);
    return hoverAt(path, params.position, await engine.runsFor(path), engine.modelFor(path));
  }));

  connection.onDocumentLinks(safe('documentLinks', [], async (params) => {
    if (!engine) return [];
    const path = pathOf(params.textDocument.uri);
    return linksFor(path, await engine.runsFor(path), engine.modelFor(path));
  }));

  connection.onDefinition(safe('definition', null, async (params) => {
    if (!engine) return null;
    const path = pathOf(params.textDocument.uri);
    return definitionAt(path, params.position, await engine.runsFor(path));
  }));

  connection.onCompletion(safe('completion', [], async (params) => {
    if (!engine) return [];
    const path = pathOf(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const linePrefix = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    const runs = await engine.runsFor(path);
    const { scripts } = await engine.lastSnapshot(); // element types: the last workspace pass is recent enough
    const sstTypes = [...scripts.values()].flatMap((m) => (m.kind === 'sst' ? m.components.flatMap((c) => [c.type, ...c.subComponents.map((x) => x.type)]) : []));
    return completionsAt(path, params.position, linePrefix, runs, { checkpointDirs: await engine.checkpointDirs(), sstTypes });
  }));

  connection.onRequest(SuggestedTasksRequest, safe('suggestedTasks', [] as SuggestedTask[], async (params) => {
    if (!engine || typeof params?.folder !== 'string') return [];
    const { runs, scripts } = await engine.snapshot();
    const sst = new Map([...scripts].filter((e): e is [string, SstScriptModel] => e[1].kind === 'sst' && isInside(params.folder, e[0])));
    return suggestTasks(params.folder, runs.filter((r) => isInside(params.folder, r.definedIn)), sst);
  }));

  connection.onRequest(RunFilesRequest, safe('runFiles', [] as string[], async (params) => {
    if (!engine || typeof params?.script !== 'string') return [];
    const script = resolve(params.folder ?? '', params.script);
    const { runs } = await engine.snapshot();
    const files = new Set<string>([script]);
    for (const r of runs) {
      if (r.definedIn === script || r.gem5Script === script) {
        files.add(r.definedIn);
        if (r.gem5Script) files.add(r.gem5Script);
        if (r.checkpointDir) files.add(join(r.checkpointDir, 'm5.cpt'));
      }
    }
    return [...files];
  }));

  connection.onRequest(StatusRequest, safe('status', null as FileStatus | null, async (params) => {
    if (!engine || typeof params?.path !== 'string') return null;
    const path = resolve(params.path);
    return fileStatus(path, engine.modelFor(path), await engine.runsFor(path), documents.get(uriOf(path))?.getText() ?? readSmallFile(path));
  }));

  connection.languages.inlayHint.on(safe('inlayHint', [] as InlayHint[], (params) => {
    const path = pathOf(params.textDocument.uri);
    if (!engine || !config.inlayHintsOf(path)) return [];
    return inlayHintsFor(engine.modelFor(path), params.range);
  }));

  registerRetarget(connection, { roots: () => roots, textOf: (p) => documents.get(uriOf(p))?.getText(), settings: (script) => engine?.settingsFor(script) });
  registerRestorePlan(connection, () => engine);

  // The editor kills the server soon after this: the code cache (codeCache.ts) is written now if it is to be.
  connection.onShutdown(() => saveCodeCacheOfThisProcess());

  documents.listen(connection);
  connection.listen();
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && JSON.stringify(a.map(toDiagnostic)) === JSON.stringify(b.map(toDiagnostic));
}
