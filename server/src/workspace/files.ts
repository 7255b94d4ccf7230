/**
 * The files of the workspace: the scripts, task files and checkpoints under the roots (one walk, listed once and
 * dropped when a file is created or deleted), and the gem5 source tree among them. Checkpoints are found by the
 * shared checkpoint discovery, with each folder's search globs.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { walkFolder } from '../checkpoint/discovery';
import type { Gem5Tree } from '../rules/context';
import { findGem5Tree, mayChangeGem5Tree } from './gem5Tree';
import { isInside } from './runs';

export interface FileList {
  scripts: string[];
  checkpoints: string[];
  taskFiles: string[];
}

export class WorkspaceFiles {
  private list: FileList | null = null;
  private listing: Promise<FileList> | null = null;
  /** Bumped when the list is dropped, so a walk that started before does not store what it saw. */
  private version = 0;
  /** Found with the file list and dropped with it (undefined: not looked for yet). */
  private gem5TreeCache: Gem5Tree | null | undefined = undefined;

  constructor(readonly roots: readonly string[], private readonly globsOf: (root: string) => readonly string[]) {}

  /** The list from the last walk, if it is still valid (no walk started). */
  current(): FileList | null {
    return this.list;
  }

  /** Every script, task file and checkpoint under the roots: walked once, then kept until a file comes or goes. */
  files(): Promise<FileList> {
    if (this.list) return Promise.resolve(this.list);
    if (!this.listing) {
      const version = this.version;
      const listing = this.walk().then((list) => {
        if (this.version === version) this.list = list;
        return list;
      }).finally(() => {
        if (this.listing === listing) this.listing = null;
      });
      this.listing = listing;
    }
    return this.listing;
  }

  /** Task files a pass over one open script reads: the listed ones, or each root's .vscode/tasks.json before a walk. */
  taskFilesNow(): string[] {
    return this.list?.taskFiles ?? this.roots.map((r) => join(r, '.vscode', 'tasks.json')).filter((f) => existsSync(f));
  }

  underRoots(p: string): boolean {
    return this.roots.some((r) => isInside(r, p));
  }

  /** A file on disk was created, changed or deleted. */
  changed(p: string): void {
    const known = this.list && (this.list.scripts.includes(p) || this.list.taskFiles.includes(p));
    // A created or deleted file changes the list.
    if (!known || !existsSync(p)) this.drop();
    else if (mayChangeGem5Tree(p)) this.gem5TreeCache = undefined;
  }

  /** The search globs changed: walk again. */
  drop(): void {
    this.list = null;
    this.listing = null;
    this.version++;
    this.gem5TreeCache = undefined;
  }

  gem5Tree(): Gem5Tree | null {
    if (this.gem5TreeCache === undefined) this.gem5TreeCache = findGem5Tree(this.roots);
    return this.gem5TreeCache;
  }

  private async walk(): Promise<FileList> {
    const list: FileList = { scripts: [], checkpoints: [], taskFiles: [] };
    for (const r of this.roots) {
      let isDir: boolean;
      try {
        isDir = statSync(r).isDirectory();
      } catch {
        continue;
      }
      if (!isDir) {
        if (r.endsWith('.py')) list.scripts.push(r);
        continue;
      }
      const found = await walkFolder(r, this.globsOf(r), (p, name, dir) => {
        if (name.endsWith('.py')) list.scripts.push(p);
        else if (name === 'tasks.json' && basename(dir) === '.vscode') list.taskFiles.push(p);
      });
      list.checkpoints.push(...found.checkpoints);
    }
    return list;
  }
}
