/** The reply of `gem5sst/status` (StatusRequest in lsp.ts): what the server understood of one file, for the language status item and the graph output. */

export type FileKind = 'sst' | 'gem5' | 'other';

/** A gem5Component the server followed to a gem5 script. */
export interface ResolvedNode {
  /** The component's name (e.g. gem5_node_0), or its variable, or "component #n". */
  name: string;
  line: number;
  gem5Script: string;
  /** take / restore / unknown (the script's guards did not decide). */
  mode: 'take' | 'restore' | null;
  checkpointDir: string | null;
  checkpointFound: boolean;
  /** curTick of that checkpoint, when found. */
  curTick: string | null;
}

/** A gem5Component the server could not follow, and why. */
export interface UnfollowedNode {
  name: string;
  line: number;
  reason: string;
}

export interface WorkingDirectoryStatus {
  dir: string;
  source: 'task' | 'setting' | 'inferred' | 'script-directory';
  /** The rule that chose it, in words. */
  rule: string;
}

export interface FileStatus {
  path: string;
  kind: FileKind;
  /** SST scripts: its gem5 nodes. */
  resolved: ResolvedNode[];
  unfollowed: UnfollowedNode[];
  /** SST scripts with gem5 nodes: where SST runs. */
  workingDirectory: WorkingDirectoryStatus | null;
  /** gem5 scripts: the SST scripts and tasks that run it (paths). */
  runBy: string[];
  /** Other SST components, by type (SST scripts). */
  componentTypes: string[];
}
