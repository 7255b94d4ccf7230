/**
 * The `gem5sst.*` settings of each workspace folder, read with workspace/configuration scoped to the folder (the
 * settings are resource-scoped, so folders of a multi-root workspace differ), kept until the client says the
 * configuration changed. A file takes the settings of the innermost folder holding it; files outside every folder
 * take those of the first folder.
 */
import type { ConfigurationItem } from 'vscode-languageserver/node';
import { SETTINGS_SECTION, engineSettingsFrom, inlayHintsEnabled, type EngineSettings } from '../protocol/settings';
import { isInside } from '../workspace/runs';
import { uriOf } from './convert';
import { diagnosticModeFrom, type DiagnosticMode } from './workspaceDiagnostics';

export class FolderConfiguration {
  /** Raw `gem5sst` object per folder (innermost first); `fallback` for files outside every folder. */
  private perRoot = new Map<string, unknown>();
  private fallback: unknown = undefined;
  private readonly roots: string[];
  private readonly first: string | null;

  /** `read` is workspace/configuration, or null when the client does not support it (settings come pushed). */
  constructor(roots: readonly string[], private readonly read: ((items: ConfigurationItem[]) => Promise<unknown[]>) | null) {
    this.roots = [...roots].sort((a, b) => b.length - a.length);
    this.first = roots[0] ?? null;
  }

  /** Reads every folder's settings again (at start-up and on didChangeConfiguration); `pushed` without pull support. */
  async reload(pushed: unknown, log: (m: string) => void): Promise<void> {
    if (!this.read) {
      this.fallback = pushed;
      this.perRoot = new Map(this.roots.map((r) => [r, pushed]));
      return;
    }
    const first = this.first;
    try {
      const items: ConfigurationItem[] = this.roots.map((r) => ({ section: SETTINGS_SECTION, scopeUri: uriOf(r) }));
      if (!first) items.push({ section: SETTINGS_SECTION });
      const values = await this.read(items);
      this.perRoot = new Map(this.roots.map((r, i) => [r, values[i]]));
      this.fallback = first ? this.perRoot.get(first) : values[0];
    } catch (e) {
      log(`reading settings failed: ${String(e)}`);
    }
  }

  rawOf(path: string): unknown {
    const root = this.roots.find((r) => isInside(r, path));
    return root ? this.perRoot.get(root) : this.fallback;
  }

  /** What the engine needs: the settings of files outside every folder, and each folder's. */
  engineSettings(): { defaults: EngineSettings; perFolder: Map<string, EngineSettings> } {
    return {
      defaults: engineSettingsFrom(this.fallback),
      perFolder: new Map([...this.perRoot].map(([r, raw]) => [r, engineSettingsFrom(raw)])),
    };
  }

  modeOf(path: string): DiagnosticMode {
    return diagnosticModeFrom(this.rawOf(path));
  }

  inlayHintsOf(path: string): boolean {
    return inlayHintsEnabled(this.rawOf(path));
  }

  /** One string per observable setting group, to tell whether a reload changed anything. */
  keys(): { engine: string; modes: string; hints: string } {
    const all = [this.fallback, ...this.roots.map((r) => this.perRoot.get(r))];
    return {
      engine: JSON.stringify(all.map(engineSettingsFrom)),
      modes: JSON.stringify(all.map(diagnosticModeFrom)),
      hints: JSON.stringify(all.map(inlayHintsEnabled)),
    };
  }
}

