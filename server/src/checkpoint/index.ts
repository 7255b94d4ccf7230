/** The checkpoint engine's public face, shared by the language server, the explorer host and the CLI. */
export { inspectCheckpoint, parseCheckpoint, CPT_FILE } from './inspect';
export { openCheckpoint, OpenedCheckpoint } from './openCheckpoint';
export { stopSeekIndexBuilds } from './seekIndexBuildWorker';
export type { ReadTarget, ResolvedTarget, SectionListing, SectionKey } from './openCheckpoint';
export { verifyCheckpoint } from './verify';
export type { VerifyOptions } from './verify';
export { readTakeConfig, takeConfigFromIni, parseIniAddrRange, storeRole } from './takeConfig';
export type { TakeConfig, TakeMemory } from './takeConfig';
export { parseIniFile, parseIniText } from './iniReader';
export type { IniDocument, IniSection, IniEntry } from './iniReader';
export { StoreReadError, detectStoreFormat } from './pmemStream';
export { computeStoreOrder } from './storeOrder';
export type { StoreMemory, OrderedStore, StoreRange } from './storeOrder';
export { resolveInside } from './safePath';
export { findCheckpointDirs, walkFolder, DEFAULT_CHECKPOINT_GLOBS } from './discovery';
export { compareCheckpoints } from './compare';
export { planReplaceRemoteImage, replaceRemoteImage, undoReplaceRemoteImage, ReplaceRefused } from './replaceImage';
export type { ReplacePlan, ReplaceResult, ReplaceOptions } from './replaceImage';
