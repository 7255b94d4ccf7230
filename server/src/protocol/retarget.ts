/** Params and reply of `gem5sst/retarget` (RetargetRequest in lsp.ts): the edits that point an SST restore script at a checkpoint. */
import type { Span } from './span';

export interface RetargetParams {
  /** Absolute path of the SST script. */
  script: string;
  /** Absolute checkpoint directory (holding m5.cpt). */
  checkpoint: string;
}

export interface RetargetReply {
  /** Whole-line replacements of the script's current text; empty when nothing changes. */
  edits: { span: Span; newText: string }[];
  /** Other files edited with the script (a tasks.json's rank count): whole-line replacements of their current text. */
  files: { file: string; edits: { span: Span; newText: string }[] }[];
  /** `file` is set when the line is not in the script (a tasks.json). */
  changes: { line: number; what: string; file?: string }[];
  /** Values computed with no literal to change (1-based lines): the user edits them by hand. */
  blockers: { line: number; message: string; file?: string }[];
  /** GS2xx–GS4xx errors the rules would still report after the edits. */
  remaining: { code: string; line: number; message: string }[];
  /** Why nothing could be computed (not an SST script, not a checkpoint), or null. */
  error: string | null;
}

export function isRetargetParams(p: unknown): p is RetargetParams {
  const o = p as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.script === 'string' && typeof o.checkpoint === 'string'
    && o.script.length < 4096 && o.checkpoint.length < 4096;
}
