/** Point an SST restore script at a checkpoint: the edit computation shared by `gem5-ckpt retarget` and the extension. */
export { computeRetarget, retargetDiff, binarySize } from './plan';
export type { RetargetInput, RetargetResult, RetargetChange, RetargetBlocker, RetargetOtherFile } from './plan';
export { applyEdits, lineHunks, hunkEdits, unifiedDiff } from './textEdits';
export type { SpanEdit, LineHunk } from './textEdits';
