/** One log line per check pass: which files it analysed (relative to the workspace roots) and how long it took. */
import { relative } from 'node:path';
import type { CheckPass } from '../workspace/engine';
import { isInside } from '../workspace/runs';

const MAX_NAMES = 40;
/** A focused pass runs per keystroke: only one slower than this is worth a line (and a message to the editor). */
export const SLOW_FOCUSED_PASS_MS = 20;

/** Every workspace pass is logged; a focused pass only when it was slow. */
export function shouldLogPass(pass: CheckPass): boolean {
  return pass.focus === null || pass.ms >= SLOW_FOCUSED_PASS_MS;
}

export function formatPass(pass: CheckPass, roots: readonly string[]): string {
  const rel = (p: string) => {
    const root = roots.find((r) => isInside(r, p));
    return root ? relative(root, p) || '.' : p;
  };
  const files = [...pass.scripts, ...pass.taskFiles, ...pass.checkpoints].map(rel);
  const shown = files.slice(0, MAX_NAMES).join(', ') + (files.length > MAX_NAMES ? `, … and ${files.length - MAX_NAMES} more` : '');
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const what = pass.focus ? `focused on ${rel(pass.focus)}` : 'workspace';
  return `check pass (${what}): ${plural(pass.scripts.length, 'script')}, ${plural(pass.taskFiles.length, 'tasks file')}, `
    + `${plural(pass.checkpoints.length, 'checkpoint')} in ${pass.ms.toFixed(0)} ms: ${shown || '(none)'}`;
}
