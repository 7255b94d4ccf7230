/**
 * What a rule sees: every script model, every resolved run (with its checkpoint summary attached), the task
 * definitions and the checkpoints found in the workspace. Rules are pure functions of this context.
 */
import type { Code } from '../protocol/codes';
import { CODES } from '../protocol/codes';
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { ScriptModel } from '../config/types';
import type { Span } from '../protocol/span';
import type { SstTask } from '../workspace/tasks';
import type { ResolvedRun } from '../workspace/types';
import type { Finding, QuickFix, RelatedLocation } from './types';

export interface RuleContext {
  /** Scripts that parse: the only ones rules read. */
  scripts: ReadonlyMap<string, ScriptModel>;
  /**
   * Scripts with a syntax error (CPython would not run them): they give their one GS101 and nothing else, and the
   * runs that execute them have no gem5 model. Absent: no script has a syntax error.
   */
  unparsable?: ReadonlyMap<string, ScriptModel>;
  runs: readonly ResolvedRun[];
  sstTasks: readonly SstTask[];
  /** Checkpoint directories (absolute) → summary: those in the workspace and those runs point at. */
  checkpoints: ReadonlyMap<string, CheckpointSummary>;
  exists(path: string): boolean;
  /** Entry names of a directory ([] when unreadable); the engine caches them for one pass. */
  listDir(dir: string): string[];
  /** Text of a script (open buffer first), for rules whose fix needs the exact source. */
  textOf(path: string): string | null;
  /** A gem5 source tree in the workspace, when there is one (the inputs marked B in rules.md). */
  gem5Tree?: Gem5Tree | null;
}

export interface Gem5Tree {
  root: string;
  /** Checkpoint version tags its binary writes: basenames of util/cpt_upgraders/*.py, sorted. */
  tags: string[];
  /** ext/sst/gem5.cc offsets SST time by the checkpoint tick (`base_time`); null when the file is absent. */
  hasBaseTime: boolean | null;
  /** The bridge still loads the hard-coded store0 image and sends it in one init phase (Era A); null when unknown. */
  eraA: boolean | null;
}

export interface Rule {
  code: Code;
  /** Short description of the inputs (G, S, T, C, O as in rules.md), for docs and logs. */
  inputs: string;
  check(ctx: RuleContext): Finding[];
}

export function finding(
  code: Code,
  file: string,
  span: Span,
  message: string,
  extra: { related?: RelatedLocation[]; fixes?: QuickFix[]; severity?: Finding['severity'] } = {},
): Finding {
  return { code, severity: extra.severity ?? CODES.get(code)!.severity, message, file, span, related: extra.related ?? [], fixes: extra.fixes ?? [] };
}

/** A rule that cannot decide says so at information level (rules.md), naming what it could not follow. */
export function cannotDecide(code: Code, file: string, span: Span, message: string): Finding {
  return finding(code, file, span, message, { severity: 'information' });
}

/** A whole line of a file (1-based line number), for diagnostics on m5.cpt lines. */
export function lineSpan(line: number): Span {
  const l = Math.max(0, line - 1);
  return { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } };
}

export const FILE_START: Span = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Source text covered by a span (single-line spans only; null otherwise). */
export function spanText(text: string | null, span: Span): string | null {
  if (!text || span.start.line !== span.end.line) return null;
  const line = text.split('\n')[span.start.line];
  return line === undefined ? null : line.slice(span.start.character, span.end.character);
}
