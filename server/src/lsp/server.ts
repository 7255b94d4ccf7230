/**
 * The language server: the workspace engine behind LSP. Pull diagnostics (push for clients without them), refreshed
 * when a related file, a checkpoint or the settings change; incremental text sync; quick fixes, hover, links,
 * definition and completion. A failing request is logged and answered empty: the server never dies from a document.
 */
import {
  DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, ResponseError, TextDocumentSyncKind, TextDocuments,
  LSPErrorCodes, type CancellationToken, type InlayHint, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION, engineSettingsFrom, inlayHintsEnabled } from '../protocol/settings';
import { CancelledError, createWorkspaceEngine, type WorkspaceIndex } from '../workspace/engine';
import type { Finding } from '../rules/types';
import { codeActionsFor, pathOf, toDiagnostic, uriOf } from './convert';
import { completionsAt, definitionAt, hoverAt, inlayHintsFor, linksFor } from './features';
import { join, resolve } from 'node:path';
import type { SstScriptModel } from '../config/types';
import { RUN_FILES_METHOD, SUGGESTED_TASKS_METHOD, type RunFilesParams, type SuggestedTask, type SuggestedTasksParams } from '../protocol/lsp';
import { isInside } from '../workspace/runs';
import { suggestTasks } from '../workspace/suggestTasks';
import { registerRetarget } from '../retarget/lsp';

/** Files whose changes outside the editor matter to the rules. */
export const WATCHED_GLOBS = ['**/*.py', '**/m5.cpt', '**/*.pmem', '**/config.ini', '**/.vscode/tasks.json'];

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let engine: WorkspaceIndex | null = null;
  let roots: string[] = [];
  let pullDiagnostics = false;
  let configurationSupport = false;
  let watchRegistration = false;
  let inlayHints = false;
  let workDoneProgress = false;
  /** Last findings published/pulled per file, for code actions. */
  const lastFindings = new Map<string, Finding[]>();
  let refreshTimer: NodeJS.Timeout | null = null;
  /** Push mode: a generation number per file so an older computation never overwrites a newer one. */
  let generation = 0;

  const log = (m: string) => connection.console.log(m);

  const safe = <P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => Promise<R> | R) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (e) {
        if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        log(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    roots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri));
    if (!roots.length && params.rootUri) roots = [pathOf(params.rootUri)];
    pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
    configurationSupport = Boolean(params.capabilities.workspace?.configuration);
    watchRegistration = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    workDoneProgress = Boolean(params.capabilities.window?.workDoneProgress);
    engine = createWorkspaceEngine(roots, undefined, { log, onDidChange: () => scheduleRefresh() });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
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
    if (workDoneProgress && engine) {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('gem5 + SST: indexing scripts and checkpoints', undefined, undefined, false);
      await engine.findingsAll().catch((e) => log(`indexing failed: ${String(e)}`));
      progress.done();
    }
  });

  async function reloadSettings(): Promise<void> {
    if (!engine) return;
    let raw: unknown = undefined;
    if (configurationSupport) {
      try {
        raw = await connection.workspace.getConfiguration({ section: SETTINGS_SECTION, scopeUri: roots[0] ? uriOf(roots[0]) : undefined });
      } catch (e) {
        log(`reading settings failed: ${String(e)}`);
      }
    }
    engine.updateSettings(engineSettingsFrom(raw));
    const wasShowingHints = inlayHints;
    inlayHints = inlayHintsEnabled(raw);
    if (wasShowingHints !== inlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    scheduleRefresh();
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (!configurationSupport && engine) engine.updateSettings(engineSettingsFrom((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]));
    await reloadSettings();
  });

  /** Many changes in a burst (a save of many files, typing) coalesce into one refresh. */
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
      const findings = all.get(file) ?? [];
      lastFindings.set(file, findings);
      await connection.sendDiagnostics({ uri: uriOf(file), diagnostics: findings.map(toDiagnostic) });
    }
  }

  documents.onDidOpen((e) => {
    engine?.setOpenDocument(pathOf(e.document.uri), e.document.getText(), e.document.version);
    scheduleRefresh();
  });
  documents.onDidChangeContent((e) => {
    engine?.setOpenDocument(pathOf(e.document.uri), e.document.getText(), e.document.version);
    scheduleRefresh();
  });
  documents.onDidClose((e) => {
    engine?.closeDocument(pathOf(e.document.uri));
    scheduleRefresh();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = pathOf(change.uri);
      if (documents.get(change.uri)) continue; // the editor buffer wins
      engine?.fileChanged(path);
    }
    scheduleRefresh();
  });

  connection.languages.diagnostics.on(safe('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
    if (!engine) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const path = pathOf(params.textDocument.uri);
    const findings = await engine.findingsFor(path, token);
    lastFindings.set(path, findings);
    return { kind: DocumentDiagnosticReportKind.Full, items: findings.map(toDiagnostic) };
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    if (!engine) return [];
    const path = pathOf(params.textDocument.uri);
    const findings = lastFindings.get(path) ?? (await engine.findingsFor(path));
    return codeActionsFor(findings, params.range);
  }));

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
    const { scripts } = await engine.snapshot();
    const sstTypes = [...scripts.values()].flatMap((m) => (m.kind === 'sst' ? m.components.flatMap((c) => [c.type, ...c.subComponents.map((x) => x.type)]) : []));
    return completionsAt(path, params.position, linePrefix, runs, { checkpointDirs: engine.checkpointDirs(), sstTypes });
  }));

  connection.onRequest(SUGGESTED_TASKS_METHOD, safe('suggestedTasks', [] as SuggestedTask[], async (params: SuggestedTasksParams) => {
    if (!engine || typeof params?.folder !== 'string') return [];
    const { runs, scripts } = await engine.snapshot();
    const sst = new Map([...scripts].filter((e): e is [string, SstScriptModel] => e[1].kind === 'sst' && isInside(params.folder, e[0])));
    return suggestTasks(params.folder, runs.filter((r) => isInside(params.folder, r.definedIn)), sst);
  }));

  connection.onRequest(RUN_FILES_METHOD, safe('runFiles', [] as string[], async (params: RunFilesParams) => {
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

  connection.languages.inlayHint.on(safe('inlayHint', [] as InlayHint[], (params) => {
    if (!engine || !inlayHints) return [];
    return inlayHintsFor(engine.modelFor(pathOf(params.textDocument.uri)), params.range);
  }));

  registerRetarget(connection, { roots: () => roots, textOf: (p) => documents.get(uriOf(p))?.getText(), settings: () => undefined });

  documents.listen(connection);
  connection.listen();
}
