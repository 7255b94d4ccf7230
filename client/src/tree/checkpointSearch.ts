/**
 * The checkpoints the view lists for a workspace folder: the same search as the language server's (server
 * checkpoint discovery), with the folder's `gem5sst.checkpoints.searchGlobs` validated as the server validates them.
 * No editor API here, so tests run it as it is.
 */
import { findCheckpointDirs } from '../../../server/src/checkpoint';
import { engineSettingsFrom } from '../../../server/src/protocol/settings';

/** More than this many checkpoints in one folder are not listed (the view stays responsive). */
export const MAX_CHECKPOINTS = 2000;

/** `folder` as a URI's scheme and path; folders not on disk (virtual workspaces) have no checkpoints to inspect. */
export async function checkpointDirsOfFolder(folder: { scheme: string; fsPath: string }, searchGlobs: unknown): Promise<string[]> {
  if (folder.scheme !== 'file') return [];
  const globs = engineSettingsFrom({ checkpoints: { searchGlobs } }).checkpointGlobs;
  return (await findCheckpointDirs(folder.fsPath, globs)).slice(0, MAX_CHECKPOINTS);
}
