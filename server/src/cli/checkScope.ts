/**
 * What `gem5-ckpt check` analyses for the paths it is given. A workspace folder is checked as it is. A single file or
 * a subfolder of a workspace is checked in its workspace's context — the nearest ancestor with `.vscode/` or `.git`,
 * as an editor would open it: its tasks (SST cwd, model options) and the directories SST may run in count, and only
 * the findings of the checked paths and of what their runs read are shown. A file outside any workspace is checked
 * alone, but the SST working directory may be any ancestor, so a gem5 script that exists on disk is never called
 * missing just because the check started below it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { Finding } from '../rules/types';
import { isInside } from '../workspace/runs';
import type { ResolvedRun } from '../workspace/types';

/** Files and folders that mark a workspace folder. */
const WORKSPACE_MARKERS = ['.vscode', '.git'];

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const isWorkspace = (dir: string) => WORKSPACE_MARKERS.some((m) => existsSync(join(dir, m)));

/** The nearest strict ancestor of `path` that is a workspace folder, or null. */
export function enclosingWorkspace(path: string): string | null {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (isWorkspace(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

export interface CheckScope {
  /** The folders (or files) the engine analyses. */
  roots: string[];
  /** Whether a finding is shown: everything when the paths are the roots; else those of the paths and their runs. */
  shows(finding: Finding, runs: readonly ResolvedRun[]): boolean;
  /** For `createWorkspaceEngine`'s option of the same name, when a lone file needs the search beyond its root. */
  workingDirectorySearchRoot?(sstScript: string): string | null;
}

export function checkScope(paths: readonly string[]): CheckScope {
  const roots: string[] = [];
  const scoped: string[] = [];
  const lone: string[] = [];
  for (const p of paths) {
    // A folder that is a workspace, or one no workspace holds, is checked as before.
    const context = isDir(p) && isWorkspace(p) ? null : enclosingWorkspace(p);
    if (context) {
      if (!roots.includes(context)) roots.push(context);
      scoped.push(p);
    } else {
      if (!roots.includes(p)) roots.push(p);
      if (!isDir(p)) lone.push(p);
    }
  }
  const inside = (file: string) => paths.some((p) => isInside(p, file));
  return {
    roots,
    shows(finding, runs) {
      if (!scoped.length || inside(finding.file)) return true;
      // In a workspace context: also the findings of what the checked paths' runs read (gem5 scripts, checkpoints).
      return runs.some((r) => inside(r.definedIn) && readsFile(r, finding.file));
    },
    workingDirectorySearchRoot: lone.length ? (sstScript) => (lone.includes(sstScript) ? parse(sstScript).root : null) : undefined,
  };
}

function readsFile(run: ResolvedRun, file: string): boolean {
  return run.gem5Script === file || (run.checkpointDir !== null && isInside(run.checkpointDir, file));
}
