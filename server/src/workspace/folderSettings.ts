/**
 * The engine's settings per workspace folder (multi-root workspaces: each folder's `gem5sst.*`), and the defaults
 * for files outside every folder. A file takes the settings of the innermost folder holding it.
 */
import { resolve } from 'node:path';
import { DEFAULT_SETTINGS, type EngineSettings } from '../protocol/settings';
import { isInside } from './runs';

export class FolderSettings {
  private fallback: EngineSettings = DEFAULT_SETTINGS;
  private perRoot = new Map<string, EngineSettings>();
  /** Roots, innermost first, so a nested folder wins over the folder around it. */
  private readonly roots: string[];

  constructor(roots: readonly string[], defaults: EngineSettings = DEFAULT_SETTINGS) {
    this.roots = [...roots].sort((a, b) => b.length - a.length);
    this.fallback = defaults;
  }

  /** `defaults` for every folder without its own entry in `perRoot` (keys: folder paths). */
  set(defaults: EngineSettings, perRoot?: ReadonlyMap<string, EngineSettings>): void {
    this.fallback = defaults;
    this.perRoot = new Map([...(perRoot ?? [])].map(([root, s]) => [resolve(root), s]));
  }

  /** The folder holding `path` (innermost), or null. */
  rootOf(path: string): string | null {
    return this.roots.find((r) => isInside(r, path)) ?? null;
  }

  /** The settings of files outside every folder (and of folders without their own). */
  defaults(): EngineSettings {
    return this.fallback;
  }

  of(path: string): EngineSettings {
    const root = this.rootOf(path);
    return (root && this.perRoot.get(root)) || this.fallback;
  }

  ofRoot(root: string): EngineSettings {
    return this.perRoot.get(root) ?? this.fallback;
  }

  /** Every distinct settings value in use (the defaults first). */
  all(): EngineSettings[] {
    const byKey = new Map<string, EngineSettings>();
    for (const s of [this.fallback, ...this.roots.map((r) => this.ofRoot(r))]) if (!byKey.has(JSON.stringify(s))) byKey.set(JSON.stringify(s), s);
    return [...byKey.values()];
  }

  /** True when every folder reports the same way, so one severity table serves all files. */
  uniform(): boolean {
    return this.all().length === 1;
  }
}
