/**
 * Known issue 2 of the checkpoints README, made safe: a checkpoint taken with KVM cores has a remote store that may
 * not hold what the guest wrote; the workaround copies the remote store of an atomic-mode checkpoint taken at the same
 * point over it. This checks both stores are the remote store (by role from config.ini) with the same range_size,
 * keeps a backup of the replaced file next to it, and can undo.
 */
import { copyFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectCheckpoint } from './inspect';
import { resolveRealInside } from './safePath';
import type { StoreSummary } from '../protocol/checkpoint';

export const BACKUP_SUFFIX = '.before-replace';

export class ReplaceRefused extends Error {}

export interface ReplaceResult {
  target: string;
  backup: string;
  store: number;
  bytes: string;
}

function remoteStore(stores: StoreSummary[], which: string): StoreSummary {
  const remote = stores.filter((s) => s.role === 'remote');
  if (remote.length !== 1) {
    throw new ReplaceRefused(`${which}: the remote store is unknown (needs the take run's config.ini next to the checkpoint, with exactly one remote memory)`);
  }
  return remote[0];
}

export async function replaceRemoteImage(targetDir: string, sourceDir: string): Promise<ReplaceResult> {
  const [target, source] = await Promise.all([inspectCheckpoint(targetDir), inspectCheckpoint(sourceDir)]);
  const tStore = remoteStore(target.stores, 'checkpoint to fix');
  const sStore = remoteStore(source.stores, 'atomic checkpoint');
  if (tStore.rangeSize !== sStore.rangeSize) {
    throw new ReplaceRefused(`remote stores differ in size: store${tStore.id} range_size ${tStore.rangeSize} vs store${sStore.id} range_size ${sStore.rangeSize}`);
  }
  if (tStore.start !== sStore.start) {
    throw new ReplaceRefused(`remote stores start at different addresses (${tStore.start} vs ${sStore.start}): not the same memory layout`);
  }
  const targetFile = await resolveRealInside(target.path, tStore.file);
  const sourceFile = await resolveRealInside(source.path, sStore.file);
  if (!targetFile || !sourceFile || !sStore.present) throw new ReplaceRefused('a store file is missing or outside its checkpoint directory');
  const backup = targetFile + BACKUP_SUFFIX;
  if (await exists(backup)) throw new ReplaceRefused(`a backup already exists (${backup}): undo the previous replacement first`);
  // Copy to a temporary name first, so an interrupted copy never leaves a half-written store in place.
  const temp = join(target.path, `.${tStore.file}.partial`);
  await copyFile(sourceFile, temp);
  if (tStore.present) await rename(targetFile, backup);
  await rename(temp, targetFile);
  return { target: targetFile, backup, store: tStore.id, bytes: String((await stat(targetFile)).size) };
}

/** Puts the backed-up store back. */
export async function undoReplaceRemoteImage(targetDir: string): Promise<string> {
  const target = await inspectCheckpoint(targetDir);
  const tStore = remoteStore(target.stores, 'checkpoint');
  const targetFile = await resolveRealInside(target.path, tStore.file);
  if (!targetFile) throw new ReplaceRefused('the store file is outside the checkpoint directory');
  const backup = targetFile + BACKUP_SUFFIX;
  if (!(await exists(backup))) throw new ReplaceRefused(`no backup to restore (${backup})`);
  if (await exists(targetFile)) await unlink(targetFile);
  await rename(backup, targetFile);
  return targetFile;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
