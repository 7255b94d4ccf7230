/**
 * Take/restore task definitions from `.vscode/tasks.json` (schema in rules.md): `gem5` tasks (a gem5 run of a config
 * script) and `sst` tasks (an SST run of an SST script). JSON with comments and trailing commas is accepted, as VS Code
 * does; `${workspaceFolder}` (and `${workspaceFolderBasename}`, `${env:X}` left alone) is expanded. Every value keeps
 * its source span so a diagnostic can point at the task's `args` element.
 */
import { getNodeValue, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isAbsolute, join, resolve, basename } from 'node:path';
import type { Span } from '../protocol/span';
import { LineIndex } from '../config/lineIndex';

export interface TaskString {
  value: string;
  span: Span;
}

interface TaskBase {
  label: string | null;
  /** tasks.json path. */
  file: string;
  /** Span of the task object. */
  span: Span;
  /** Absolute working directory (default: the workspace folder). */
  cwd: string;
  script: TaskString | null;
  /** Absolute path of `script`, resolved against `cwd`. */
  scriptPath: string | null;
}

export interface Gem5Task extends TaskBase {
  type: 'gem5';
  action: 'take' | 'restore' | null;
  gem5: string | null;
  args: TaskString[];
  gem5Args: TaskString[];
}

export interface SstTask extends TaskBase {
  type: 'sst';
  action: 'restore' | null;
  sst: string | null;
  ranks: number | null;
  sstArgs: TaskString[];
  launcher: 'mpirun' | 'srun' | null;
}

export type TaskDefinition = Gem5Task | SstTask;

export interface TasksFile {
  tasks: TaskDefinition[];
  /** JSON syntax problems (the tasks that could be read are still returned). */
  errors: { message: string; span: Span }[];
}

/** Expands the VS Code variables that matter for paths in these tasks. */
/**
 * An sst task's sstArgs split where SST splits its command line: SST's own options before `--`, the script's model
 * options (its sys.argv) after it; `model` is null when there is no `--`.
 */
export function splitSstArgs(task: SstTask): { sst: TaskString[]; model: TaskString[] | null } {
  const dashes = task.sstArgs.findIndex((a) => a.value === '--');
  return dashes < 0 ? { sst: task.sstArgs, model: null } : { sst: task.sstArgs.slice(0, dashes), model: task.sstArgs.slice(dashes + 1) };
}

export function expandVariables(text: string, workspaceFolder: string): string {
  return text
    .replace(/\$\{workspaceFolder\}/g, workspaceFolder)
    .replace(/\$\{workspaceRoot\}/g, workspaceFolder)
    .replace(/\$\{workspaceFolderBasename\}/g, basename(workspaceFolder));
}

export function parseTasksFile(file: string, text: string, workspaceFolder: string): TasksFile {
  const lines = new LineIndex(text);
  const spanOf = (n: JsonNode): Span => lines.span(n.offset, n.offset + n.length);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const result: TasksFile = {
    tasks: [],
    errors: errors.map((e) => ({ message: `tasks.json: JSON syntax error (code ${e.error})`, span: lines.span(e.offset, e.offset + e.length) })),
  };
  const tasksNode = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'tasks')?.children?.[1] : undefined;
  if (tasksNode?.type !== 'array') return result;
  for (const taskNode of tasksNode.children ?? []) {
    if (taskNode.type !== 'object') continue;
    const prop = (name: string): JsonNode | undefined => taskNode.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
    const str = (name: string): TaskString | null => {
      const n = prop(name);
      return n?.type === 'string' ? { value: expandVariables(String(n.value), workspaceFolder), span: spanOf(n) } : null;
    };
    const strings = (name: string): TaskString[] => {
      const n = prop(name);
      if (n?.type !== 'array') return [];
      return (n.children ?? []).filter((c) => c.type === 'string' || c.type === 'number')
        .map((c) => ({ value: expandVariables(String(c.value), workspaceFolder), span: spanOf(c) }));
    };
    const type = prop('type')?.value;
    if (type !== 'gem5' && type !== 'sst') continue;
    const cwdText = str('cwd')?.value;
    const cwd = cwdText ? (isAbsolute(cwdText) ? cwdText : resolve(workspaceFolder, cwdText)) : workspaceFolder;
    const script = str('script');
    const base: TaskBase = {
      label: typeof prop('label')?.value === 'string' ? String(prop('label')!.value) : null,
      file,
      span: spanOf(taskNode),
      cwd,
      script,
      scriptPath: script ? (isAbsolute(script.value) ? script.value : join(cwd, script.value)) : null,
    };
    const action = prop('action')?.value;
    if (type === 'gem5') {
      result.tasks.push({
        ...base, type, action: action === 'take' || action === 'restore' ? action : null,
        gem5: str('gem5')?.value ?? null, args: strings('args'), gem5Args: strings('gem5Args'),
      });
    } else {
      const ranks = prop('ranks');
      const launcher = prop('launcher')?.value;
      result.tasks.push({
        ...base, type, action: action === 'restore' ? 'restore' : null, sst: str('sst')?.value ?? null,
        ranks: ranks?.type === 'number' ? Number(getNodeValue(ranks)) : null,
        sstArgs: strings('sstArgs'),
        launcher: launcher === 'mpirun' || launcher === 'srun' ? launcher : null,
      });
    }
  }
  return result;
}
