/**
 * The `gem5sst.*` settings (resource scope) as both sides see them: the client contributes them in package.json,
 * the server reads them with workspace/configuration and turns them into EngineSettings.
 */
import { isCode, type Severity } from './codes';

export const SETTINGS_SECTION = 'gem5sst';

/** Settings that change what the engine reports (resource-scoped `gem5sst.*` settings, or CLI flags). */
export interface EngineSettings {
  enable: boolean;
  /** Per-code override, e.g. { GS204: 'error', GS507: 'off' }. */
  severity: Record<string, Severity | 'off'>;
  /** `gem5sst.sst.workingDirectory`: where SST runs, for paths inside `cmd`; null = infer (rules.md). */
  sstWorkingDirectory: string | null;
  /** `gem5sst.checkpoints.searchGlobs`: where checkpoint directories are searched (globs relative to a folder). */
  checkpointGlobs: string[];
  /** Inflate .pmem stores in the background to check GS405. */
  verifyStores: boolean;
  /** `gem5sst.defaultRanks`: the MPI ranks an sst task without `ranks` is launched with (the client's launch uses it too). */
  defaultRanks: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  enable: true,
  severity: {},
  sstWorkingDirectory: null,
  checkpointGlobs: ['**/m5.cpt'],
  verifyStores: false,
  defaultRanks: 1,
};

/** Raw shape under `gem5sst` (what settings.json holds). */
export interface RawSettings {
  enable?: boolean;
  diagnostics?: { severity?: Record<string, string> };
  sst?: { workingDirectory?: string | null };
  checkpoints?: { searchGlobs?: string[]; verifyStores?: boolean };
  inlayHints?: { enable?: boolean };
  defaultRanks?: number;
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Validates untrusted settings values: anything malformed falls back to the default, never throws. */
export function engineSettingsFrom(raw: unknown): EngineSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as RawSettings;
  const severity: Record<string, Severity | 'off'> = {};
  const sev = r.diagnostics?.severity;
  if (sev && typeof sev === 'object') {
    for (const [code, level] of Object.entries(sev)) {
      if (isCode(code) && typeof level === 'string' && LEVELS.has(level)) severity[code] = level as Severity | 'off';
    }
  }
  const wd = r.sst?.workingDirectory;
  const globs = r.checkpoints?.searchGlobs;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    severity,
    sstWorkingDirectory: typeof wd === 'string' && wd.trim() ? wd : null,
    checkpointGlobs: Array.isArray(globs) && globs.every((g) => typeof g === 'string') ? globs : DEFAULT_SETTINGS.checkpointGlobs,
    verifyStores: typeof r.checkpoints?.verifyStores === 'boolean' ? r.checkpoints.verifyStores : DEFAULT_SETTINGS.verifyStores,
    // As the client reads it (client/src/settings.ts): a whole number, at least 1.
    defaultRanks: typeof r.defaultRanks === 'number' && Number.isFinite(r.defaultRanks) ? Math.max(1, Math.floor(r.defaultRanks)) : DEFAULT_SETTINGS.defaultRanks,
  };
}

export function inlayHintsEnabled(raw: unknown): boolean {
  return Boolean((raw as RawSettings | undefined)?.inlayHints?.enable);
}
