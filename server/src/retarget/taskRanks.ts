/**
 * The rank count of a restore lives in `.vscode/tasks.json` (`{"type":"sst", "script":…, "ranks":N}`): the edits
 * of every `sst` task that runs the script with a rank count GS501 would reject, made with jsonc-parser so comments
 * and formatting stay as the user wrote them. A task whose rank count cannot be read or decided (a `${input:…}`,
 * an unknown partitioner, a shell task with its own mpirun command line) is named by line instead.
 */
import { applyEdits as applyJsonEdits, modify, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { basename, dirname, resolve } from 'node:path';
import { LineIndex } from '../config/lineIndex';
import type { SstScriptModel } from '../config/types';
import type { Span } from '../protocol/span';
import { parseTasksFile, type SstTask } from '../workspace/tasks';
import { rankNeed } from './rankCount';

export interface TasksText {
  file: string;
  text: string;
}

export interface FileNote {
  /** The file the line is in (the script or a tasks.json). */
  file: string;
  line: number;
}

export interface TaskRankResult {
  /** The new text of each tasks.json that changes. */
  edited: Map<string, string>;
  changes: (FileNote & { what: string })[];
  blockers: (FileNote & { message: string })[];
}

const GEM5 = 'gem5.gem5Component';

/** The indentation the file already uses, for a property jsonc-parser inserts. */
function indentOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)"/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  // The smallest indent step seen: the nesting of "tasks" elements makes deeper lines multiples of it.
  const widths = [...text.matchAll(/\n( +)\S/g)].map((x) => x[1].length);
  const step = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize: step > 0 && step <= 8 ? step : 2, eol };
}

/** The `tasks` array's elements, in order (what `["tasks", i]` in a jsonc path names). */
function taskNodes(text: string): JsonNode[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const arr = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'tasks')?.children?.[1] : undefined;
  return arr?.type === 'array' ? arr.children ?? [] : [];
}

const prop = (n: JsonNode, name: string) => n.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
const lineOf = (s: Span) => s.start.line + 1;

/** A task of another type (shell, process) whose command line runs this script through mpirun/srun or sst. */
function foreignRunner(node: JsonNode, text: string, script: string): boolean {
  const type = prop(node, 'type')?.value;
  if (type === 'sst' || type === 'gem5') return false;
  const body = text.slice(node.offset, node.offset + node.length);
  return body.includes(basename(script)) && /\b(mpirun|mpiexec|srun|sst)\b/.test(body);
}

/**
 * Rank edits for `script` (its model after the script's own edits) in the given tasks.json files; a task without
 * "ranks" runs with `defaultRanks`. Tasks the model cannot read matter only when more than one rank is needed at all
 * (two or more gem5Components).
 */
export function taskRankEdits(script: string, model: SstScriptModel, files: readonly TasksText[], defaultRanks = 1): TaskRankResult {
  const out: TaskRankResult = { edited: new Map(), changes: [], blockers: [] };
  const gem5 = model.components.filter((c) => c.type === GEM5).length;
  const target = resolve(script);
  /** Some task runs the script (an sst task, or a command line the model cannot read). */
  let launched = false;
  for (const { file, text } of files) {
    const folder = dirname(dirname(file));
    const parsed = parseTasksFile(file, text, folder);
    const lines = new LineIndex(text);
    const nodes = taskNodes(text);
    let next = text;
    for (const [index, node] of nodes.entries()) {
      const taskLine = lines.positionAt(node.offset).line + 1;
      const task = parsed.tasks.find((t): t is SstTask => t.type === 'sst' && t.span.start.line + 1 === taskLine && t.span.start.character === lines.positionAt(node.offset).character);
      if (!task) {
        if (foreignRunner(node, text, target)) launched = true;
        if (gem5 >= 2 && foreignRunner(node, text, target)) {
          const label = prop(node, 'label')?.value;
          out.blockers.push({ file, line: taskLine, message: `task ${typeof label === 'string' ? `"${label}"` : `at line ${taskLine}`} runs ${basename(script)} with a command line the model cannot read: make it give at least ${gem5} ranks (one per gem5Component) by hand` });
        }
        continue;
      }
      if (task.scriptPath === null || resolve(task.scriptPath) !== target) continue;
      launched = true;
      const ranksNode = prop(node, 'ranks');
      const ranksLine = ranksNode ? lines.positionAt(ranksNode.offset).line + 1 : taskLine;
      if (ranksNode && !(ranksNode.type === 'number' && Number.isInteger(ranksNode.value) && ranksNode.value >= 1)) {
        if (gem5 >= 2) out.blockers.push({ file, line: ranksLine, message: `"ranks" is ${text.slice(ranksNode.offset, ranksNode.offset + ranksNode.length)}, not a rank count the model can read: it must be at least ${gem5} (one per gem5Component)` });
        continue;
      }
      // A task without "ranks" is launched with gem5sst.defaultRanks (client/src/tasks/commandLine.ts).
      const current = task.ranks ?? defaultRanks;
      const need = rankNeed(model, task, current);
      if (!need.ok) {
        const inTask = need.where === 'task';
        out.blockers.push({
          file: inTask ? file : script,
          line: need.span ? lineOf(need.span) : inTask ? taskLine : 1,
          message: `the rank count of task ${task.label ? `"${task.label}"` : `at ${basename(file)} line ${taskLine}`} cannot be decided: ${need.why}`,
        });
        continue;
      }
      if (need.ranks === current) continue;
      const edits = modify(next, ['tasks', index, 'ranks'], need.ranks, { formattingOptions: indentOf(next) });
      next = applyJsonEdits(next, edits);
      out.changes.push({
        file, line: ranksLine,
        what: `"ranks": ${ranksNode ? current : `(absent, ${current})`} → ${need.ranks} (${gem5} gem5Component${gem5 === 1 ? '' : 's'}, ${need.partitioner}: one gem5 per rank)`,
      });
    }
    if (next !== text) out.edited.set(file, next);
  }
  // No task says how SST is started: a tasks.json is not created (the user may run it from a shell), but the count
  // it needs under SST's default partitioner is stated at the second gem5Component, the first that would collide.
  if (!launched && gem5 >= 2) {
    const second = model.components.filter((c) => c.type === GEM5)[1];
    const need = rankNeed(model, launchedBy(script), 1);
    out.blockers.push({
      file: script, line: lineOf(second.span),
      message: `no sst task in .vscode/tasks.json runs ${basename(script)}, so its rank count cannot be seen: ${need.ok ? `run it with at least ${need.ranks} ranks (mpirun -np ${need.ranks}, sst.linear)` : need.why} or add an sst task with "ranks"`,
    });
  }
  return out;
}

/** A serial sst task for `script` with no sstArgs: how a plain `sst script.py` runs it. */
function launchedBy(script: string): SstTask {
  const at: Span = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { type: 'sst', label: null, file: script, span: at, cwd: dirname(script), script: { value: script, span: at }, scriptPath: script, action: 'restore', sst: null, ranks: 1, sstArgs: [], launcher: null };
}
