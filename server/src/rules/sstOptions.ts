/**
 * An SST option as a run sees it: the sst task's sstArgs (SST's command line, read with getopt_long: `--key=value`
 * or `--key value`, the last one wins) over the script's `sst.setProgramOption(key, value)`, else SST's default.
 */
import type { SstScriptModel } from '../config/types';
import type { Span } from '../protocol/span';
import { splitSstArgs, type SstTask } from '../workspace/tasks';

export interface SstOption {
  /** The value given, or null when it is given but the model cannot read it. */
  value: string | null;
  from: 'task' | 'script' | 'default';
  /** The sstArgs element or the setProgramOption value that gives it (in the task file or the script). */
  span: Span | null;
}

export function sstOption(model: SstScriptModel | undefined, task: SstTask, key: string): SstOption {
  // What follows `--` is the script's, not SST's.
  const args = splitSstArgs(task).sst;
  const flag = `--${key}`;
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i];
    if (a.value.startsWith(flag + '=')) return { value: a.value.slice(flag.length + 1), from: 'task', span: a.span };
    if (a.value === flag) return { value: args[i + 1]?.value ?? null, from: 'task', span: (args[i + 1] ?? a).span };
  }
  // The model keeps one entry per key (a later setProgramOption replaces the earlier one).
  const opt = model?.programOptions.find((p) => p.key === key);
  if (opt) return { value: opt.value.kind === 'str' ? opt.value.value : null, from: 'script', span: opt.valueSpan };
  return { value: null, from: 'default', span: null };
}
