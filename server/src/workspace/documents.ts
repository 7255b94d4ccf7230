/**
 * The editor's open buffers. A change is recorded as it comes (the new text, and the edit when the editor sent a
 * range) and costs no parse; a buffer's ScriptDocument catches up only when its tree or model is asked for, replaying
 * the few edits since or, after a burst, one edit spanning them all. Open buffers win over the files on disk.
 */
import { ScriptDocument, type TextEdit } from '../config/scriptDocument';

/** Scripts larger than this are not config scripts: no parse, no model. */
export const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;
/** Past this many pending edits, one edit covering them all is cheaper than replaying each. */
const MAX_REPLAYED_EDITS = 16;

interface OpenBuffer {
  text: string;
  version: number;
  doc: ScriptDocument | null;
  /** Edits that take `doc.text` to `text`; null when they are not known (whole-text updates, long bursts). */
  pending: TextEdit[] | null;
}

export class OpenDocuments {
  private readonly buffers = new Map<string, OpenBuffer>();

  /** `onChange(path)` runs after every recorded change, open and close (the engine invalidates its results). */
  constructor(private readonly onChange: (path: string) => void = () => undefined) {}

  /** A whole text (didOpen, a full-text didChange, or a caller that only has the text). */
  set(path: string, text: string, version: number): void {
    const b = this.buffers.get(path);
    if (b && b.version === version && b.text === text) return;
    if (b) {
      if (b.text === text) {
        b.version = version;
        return;
      }
      b.text = text;
      b.version = version;
      b.pending = null;
    } else {
      this.buffers.set(path, { text, version, doc: null, pending: [] });
    }
    this.onChange(path);
  }

  /**
   * Ranged edits in the order the editor applied them, with the resulting text; an unknown buffer is opened with
   * that text.
   */
  change(path: string, edits: readonly TextEdit[], text: string, version: number): void {
    const b = this.buffers.get(path);
    if (!b) return this.set(path, text, version);
    b.text = text;
    b.version = version;
    if (b.pending && b.pending.length + edits.length <= MAX_REPLAYED_EDITS) b.pending.push(...edits);
    else b.pending = null;
    this.onChange(path);
  }

  /** A module the buffer's script imports changed on disk: its model is built again (the text is unchanged). */
  remodel(path: string): void {
    const b = this.buffers.get(path);
    if (!b?.doc) return;
    // setText drops the cached tree and model; the next parse is a whole one, which a rare disk change can afford.
    this.document(path)?.setText(b.text);
    this.onChange(path);
  }

  close(path: string): void {
    if (this.buffers.delete(path)) this.onChange(path);
  }

  has(path: string): boolean {
    return this.buffers.has(path);
  }

  textOf(path: string): string | undefined {
    return this.buffers.get(path)?.text;
  }

  versionOf(path: string): number | undefined {
    return this.buffers.get(path)?.version;
  }

  paths(): string[] {
    return [...this.buffers.keys()];
  }

  /** The buffer's script document brought up to date (parsed lazily); null when it is not a Python config script. */
  document(path: string): ScriptDocument | null {
    const b = this.buffers.get(path);
    if (!b) return null;
    // Huge buffers are not config scripts: keep them out of the typing path.
    if (!path.endsWith('.py') || b.text.length > MAX_SCRIPT_BYTES) {
      b.doc = null;
      b.pending = [];
      return null;
    }
    if (!b.doc) {
      b.doc = new ScriptDocument(path, b.text);
    } else if (b.pending === null || b.pending.length > 0) {
      if (b.pending) b.doc.applyEdits(b.pending);
      // Replayed edits must land on the editor's text; when they do not (or were not kept), one spanning edit does.
      if (b.doc.text !== b.text) applySpanningEdit(b.doc, b.text);
    }
    b.pending = [];
    return b.doc;
  }
}

/** Turns a whole-text update into one minimal edit, so the parser can reuse the unchanged parts of the tree. */
function applySpanningEdit(doc: ScriptDocument, text: string): void {
  const old = doc.text;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = text.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  doc.applyEdits([{ from: start, to: endOld, insert: text.slice(start, endNew) }]);
}
