/**
 * The values a gem5 script's expressions take in a run, from the forward interpreter: the script is run once per
 * distinct set of argument values, recording what every expression of the main file evaluated to; an expression
 * that took different values (a loop, a function called twice) or was never reached is unknown.
 */
import type { SyntaxNode } from '@lezer/common';
import { valueToPy } from './interp/builtins';
import type { ModuleLoader, ModuleSource } from './interp/interpreter';
import { runScript } from './interp/run';
import type { Value } from './interp/values';
import type { ArgValues, PyValue } from './types';

const UNKNOWN: PyValue = { kind: 'unknown' };
const MAX_CACHED_RUNS = 128;

export class ScriptValues {
  private readonly runs = new Map<string, Map<number, Value>>();

  constructor(
    private readonly source: ModuleSource,
    private readonly moduleName: string,
    private readonly loader: ModuleLoader | null,
  ) {}

  /** The value of `node` in the run with `args` (unknown argparse values when `args` is absent). */
  valueAt(node: SyntaxNode, args?: ArgValues): PyValue {
    const v = this.run(args).get(nodeKey(node.from, node.to));
    return v ? valueToPy(v) ?? UNKNOWN : UNKNOWN;
  }

  private run(args: ArgValues | undefined): Map<number, Value> {
    const key = argsKey(args);
    let r = this.runs.get(key);
    if (!r) {
      if (this.runs.size >= MAX_CACHED_RUNS) this.runs.clear();
      r = runScript({ source: this.source, moduleName: this.moduleName, args, loader: this.loader, recordValues: true }).interp.values;
      this.runs.set(key, r);
    }
    return r;
  }
}

/** One number per (from, to) source range: expressions with the same range have the same value. */
export function nodeKey(from: number, to: number): number {
  return from * 0x200000 + Math.min(to - from, 0x1fffff);
}

function argsKey(args: ArgValues | undefined): string {
  if (!args) return '';
  return JSON.stringify([...args].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
