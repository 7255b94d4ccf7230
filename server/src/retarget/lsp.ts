/** The language server's side of Point Restore at Checkpoint: `gem5sst/retarget` over the open buffer's text. */
import { isAbsolute } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { RetargetRequest } from '../protocol/lsp';
import { isRetargetParams, type RetargetReply } from '../protocol/retarget';
import type { EngineSettings } from '../workspace/types';
import { computeRetarget } from './plan';

export interface RetargetHost {
  roots(): string[];
  /** The open editor buffer of a file, if any (unsaved edits count). */
  textOf(path: string): string | undefined;
  /** The settings of the folder holding the script. */
  settings(script: string): EngineSettings | undefined;
}

const empty = (error: string): RetargetReply => ({ edits: [], files: [], changes: [], blockers: [], remaining: [], error });

export function registerRetarget(connection: Connection, host: RetargetHost): void {
  // The params come from another process: checked, whatever their declared type.
  connection.onRequest(RetargetRequest, async (params: unknown): Promise<RetargetReply> => {
    if (!isRetargetParams(params) || !isAbsolute(params.script) || !isAbsolute(params.checkpoint)) return empty('invalid request');
    try {
      const r = await computeRetarget({
        sstScript: params.script, checkpointDir: params.checkpoint, roots: host.roots(), text: host.textOf(params.script),
        settings: host.settings(params.script), textOf: (p) => host.textOf(p),
      });
      return {
        edits: r.edits, files: r.others.map((o) => ({ file: o.file, edits: o.edits })), changes: r.changes, blockers: r.blockers,
        remaining: r.remaining.map((f) => ({ code: f.code, line: f.span.start.line + 1, message: f.message })),
        error: null,
      };
    } catch (e) {
      return empty(e instanceof Error ? e.message : String(e));
    }
  });
}
