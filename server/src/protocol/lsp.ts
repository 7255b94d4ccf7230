/**
 * The custom LSP messages between the extension and its server (names under `gem5sst/`), each declared once as a
 * typed request both sides use: the client's sendRequest and the server's onRequest take the params and result
 * types from here (as vscode-eslint's customMessages.ts and rust-analyzer's lsp_ext.ts do). The shapes of larger
 * replies live next door (status.ts, retarget.ts), free of the jsonrpc import, for the CLI.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { FileStatus } from './status';
import type { RetargetParams, RetargetReply } from './retarget';

export interface SuggestedTask {
  label: string;
  /** A `gem5` or `sst` task definition (rules.md schema), paths relative to the folder. */
  definition: Record<string, unknown>;
  detail: string;
}

export interface SuggestedTasksParams {
  /** Workspace folder path. */
  folder: string;
}

/** Ready-made take/restore tasks for the scripts of a folder. */
export const SuggestedTasksRequest = new RequestType<SuggestedTasksParams, SuggestedTask[], void>('gem5sst/suggestedTasks');

export interface RunFilesParams {
  folder: string;
  script: string;
}

/** Files involved in a run (script, SST script, tasks.json), for the pre-launch diagnostics check. */
export const RunFilesRequest = new RequestType<RunFilesParams, string[], void>('gem5sst/runFiles');

export interface StatusParams {
  /** Absolute path of the active file. */
  path: string;
}

/** What the server understood of one file, for the language status item; null when it knows nothing of it. */
export const StatusRequest = new RequestType<StatusParams, FileStatus | null, void>('gem5sst/status');

/** The edits that point an SST restore script at a checkpoint (Point Restore at Checkpoint…). */
export const RetargetRequest = new RequestType<RetargetParams, RetargetReply, void>('gem5sst/retarget');
