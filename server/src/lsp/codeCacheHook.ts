/**
 * Where the code-cache loader (codeCache.ts) leaves `save` for the code it loaded: a global, since the bundle cannot
 * import its loader's module. The server calls it on the LSP shutdown request, so a session the editor ends quickly
 * (and then kills) still leaves its cache. Without the loader (tests, `gem5-ckpt lsp`) there is none: nothing happens.
 */
export const SAVE_CODE_CACHE = Symbol.for('gem5-sst-checkpoints.saveCodeCache');

export function saveCodeCacheOfThisProcess(): void {
  (globalThis as { [SAVE_CODE_CACHE]?: () => boolean })[SAVE_CODE_CACHE]?.();
}
