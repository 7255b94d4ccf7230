/**
 * GS102's quick fix: make SST run where the gem5 script in `cmd` resolves. When the working directory comes from an
 * `sst` task, the fix edits that task's `cwd` in tasks.json (a text edit, undoable); otherwise it runs the client
 * command that stores `gem5sst.sst.workingDirectory`. Also offered, without a diagnostic, when the directory was only
 * inferred from an ancestor: pinning it keeps it from changing when files move.
 */
import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { modify, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { LineIndex } from '../config/lineIndex';
import { parseTasksFile } from '../workspace/tasks';
import type { ResolvedRun } from '../workspace/types';
import { workingDirectoryCandidates } from '../workspace/workingDirectoryCandidates';
import { uriOf } from './convert';

export const SET_WORKING_DIRECTORY_COMMAND = 'gem5sst.setSstWorkingDirectory';

export interface FixInputs {
  /** The workspace folder holding the SST script, or null. */
  root: string | null;
  knownFiles: Iterable<string>;
  /** Text of a file (open buffer first), or null. */
  textOf(path: string): string | null;
  /** The GS102 diagnostic at this run's script token, when there is one. */
  diagnosticFor(run: ResolvedRun): Diagnostic | undefined;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The `cwd` edit of the sst task in `tasksFile` that runs `sstScript`, or null when there is no such task. */
export function taskCwdEdit(tasksFile: string, text: string, sstScript: string, dir: string): { range: Range; newText: string }[] | null {
  const folder = dirname(dirname(tasksFile));
  const task = parseTasksFile(tasksFile, text, folder).tasks.find((t) => t.type === 'sst' && t.scriptPath === sstScript);
  if (!task) return null;
  const lines = new LineIndex(text);
  const array = parseTree(text, [], { allowTrailingComma: true })?.children?.find((p) => p.children?.[0]?.value === 'tasks')?.children?.[1];
  const index = (array?.children ?? []).findIndex((n: JsonNode) => {
    const p = lines.positionAt(n.offset);
    return p.line === task.span.start.line && p.character === task.span.start.character;
  });
  if (index < 0) return null;
  const rel = relative(folder, dir);
  const value = rel === '' ? '${workspaceFolder}' : rel.startsWith('..') ? dir : `\${workspaceFolder}/${rel}`;
  return modify(text, ['tasks', index, 'cwd'], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })
    .map((e) => ({ range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) }, newText: e.content }));
}

export function workingDirectoryActions(path: string, range: Range, runs: readonly ResolvedRun[], inputs: FixInputs): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const run of runs) {
    const token = run.cmd?.script;
    if (run.kind !== 'sst-node' || run.definedIn !== path || !token || !rangesOverlap(token.span, range)) continue;
    const broken = run.gem5Script === null;
    if (!broken && run.workingDirectorySource !== 'inferred') continue;
    const candidates = broken
      ? workingDirectoryCandidates(token.text, path, inputs.root, inputs.knownFiles, existsSync)
      : [run.workingDirectory];
    const diagnostic = broken ? inputs.diagnosticFor(run) : undefined;
    const shown = (d: string) => (inputs.root ? relative(inputs.root, d) || '.' : d);
    for (const [i, dir] of candidates.entries()) {
      const verb = broken ? 'Run SST in' : 'Pin the SST working directory to';
      if (run.workingDirectorySource === 'task') {
        const tasksFile = inputs.root ? `${inputs.root}/.vscode/tasks.json` : null;
        const text = tasksFile ? inputs.textOf(tasksFile) : null;
        const edits = tasksFile && text !== null ? taskCwdEdit(tasksFile, text, path, dir) : null;
        if (!tasksFile || !edits) continue;
        actions.push({
          title: `${verb} ${shown(dir)} (the sst task's cwd), where ${token.text} exists`,
          kind: CodeActionKind.QuickFix, isPreferred: broken && i === 0, diagnostics: diagnostic ? [diagnostic] : undefined,
          edit: { changes: { [uriOf(tasksFile)]: edits } },
        });
      } else {
        actions.push({
          title: `${verb} ${shown(dir)} (gem5sst.sst.workingDirectory), where ${token.text} exists`,
          kind: CodeActionKind.QuickFix, isPreferred: false, diagnostics: diagnostic ? [diagnostic] : undefined,
          command: { title: 'Set SST working directory', command: SET_WORKING_DIRECTORY_COMMAND, arguments: [{ script: path, dir }] },
        });
      }
    }
  }
  return actions;
}
