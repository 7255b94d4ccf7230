/** Recognising an SST script with gem5 nodes from its text, for pickers and the Restore plan CodeLens. Pure. */

/** What makes a Python file an SST script with gem5 nodes. */
export const SST_SCRIPT = /gem5\.gem5Component/;

/** Where the lens goes: the first line that is not a comment, blank or shebang (the top of the script), or null. */
export function restorePlanLensLine(text: string): number | null {
  if (!SST_SCRIPT.test(text)) return null;
  const first = text.split(/\r?\n/).findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first < 0 ? 0 : first;
}
