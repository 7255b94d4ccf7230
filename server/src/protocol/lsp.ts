/** Custom LSP messages between the extension and its server (names under `gem5sst/`). */

export interface SuggestedTask {
  label: string;
  /** A `gem5` or `sst` task definition (rules.md schema), paths relative to the folder. */
  definition: Record<string, unknown>;
  detail: string;
}

export const SUGGESTED_TASKS_METHOD = 'gem5sst/suggestedTasks';
export interface SuggestedTasksParams {
  /** Workspace folder path. */
  folder: string;
}

/** Files involved in a run (script, SST script, tasks.json), for the pre-launch diagnostics check. */
export const RUN_FILES_METHOD = 'gem5sst/runFiles';
export interface RunFilesParams {
  folder: string;
  script: string;
}
