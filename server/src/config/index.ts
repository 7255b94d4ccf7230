/** The Python config model's public face: documents, one-shot analysis, argparse emulation, units, store layout. */
export { ScriptDocument, analyzeScript, modelSstScript } from './scriptDocument';
export type { TextEdit } from './scriptDocument';
export { detectKind, mayBeSimulatorScript } from './scriptKind';
export { tokenizeCmd, tokenizeWithOffsets, splitGem5Cmd, GEM5_OPTIONS, resolveGem5LongOption } from './cmdTokenizer';
export { emulateArgparse, closestOption, convertArgType, editDistance } from './argparse';
export type { ArgError, ArgErrorKind, ArgparseResult } from './argparse';
export { guardsHold } from './expr';
export { GEM5_OUTDIR_KEY, CWD_KEY } from './interp/domains/stdlib';
export { storeLayout, LOCAL_MEMORY_BASE } from './storeLayout';
export type { StoreLayout, LayoutStore } from './storeLayout';
export * from './units';
export type * from './types';
