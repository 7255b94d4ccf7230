/**
 * What a Restore plan panel keeps across a window reload (the webview's saved state: the SST script and the
 * checkpoint it was opened with) and how that state is checked when VS Code restores the panel. The state comes
 * from the webview, so it is untrusted: anything malformed or pointing at files that are gone gives a message for
 * the panel, never an exception.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface SavedPlanState {
  script: string;
  checkpoint: string | null;
}

export type RestoredPlan =
  /** `notice`: something the panel says above the plan (the checkpoint it had is gone). */
  | { ok: true; script: string; checkpoint: string | null; notice: string | null }
  /** No plan can be shown: `message` says why, in the panel. */
  | { ok: false; script: string | null; message: string };

export interface PlanFiles {
  isFile(path: string): boolean;
  isCheckpoint(dir: string): boolean;
}

export const DISK: PlanFiles = {
  isFile: (p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  },
  isCheckpoint: (d) => existsSync(join(d, 'm5.cpt')),
};

const isPath = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length < 4096 && !x.includes('\0') && isAbsolute(x);

export function restoredPlan(state: unknown, files: PlanFiles = DISK): RestoredPlan {
  const o = typeof state === 'object' && state !== null && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  if (!isPath(o.script)) {
    return { ok: false, script: null, message: 'This Restore plan cannot be reopened: its saved state does not name an SST script. Open it again from the script (the "Restore plan" CodeLens or Open Restore Plan).' };
  }
  const script = o.script;
  if (!files.isFile(script)) {
    return { ok: false, script, message: `The SST script ${script} no longer exists, so its restore plan cannot be shown. Close this panel, or open the plan of another script.` };
  }
  if (o.checkpoint === undefined || o.checkpoint === null) return { ok: true, script, checkpoint: null, notice: null };
  if (!isPath(o.checkpoint)) {
    return { ok: true, script, checkpoint: null, notice: 'The checkpoint this plan was opened with could not be read from its saved state: the plan shows the script alone.' };
  }
  if (!files.isCheckpoint(o.checkpoint)) {
    return { ok: true, script, checkpoint: null, notice: `The checkpoint ${o.checkpoint} this plan was opened with no longer exists (no m5.cpt): the plan shows the script alone.` };
  }
  return { ok: true, script, checkpoint: o.checkpoint, notice: null };
}
