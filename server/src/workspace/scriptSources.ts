/**
 * The text and model of every script the passes read: the editor's buffer when the file is open, else the file on
 * disk, modelled once per size and modification time.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeScript } from '../config/scriptDocument';
import { mayBeSimulatorScript } from '../config/scriptKind';
import type { ScriptModel } from '../config/types';
import { MAX_SCRIPT_BYTES, type OpenDocuments } from './documents';
import { isInside } from './runs';

interface DiskEntry {
  key: string;
  model: ScriptModel;
  text: string;
}

export class ScriptSources {
  private readonly disk = new Map<string, DiskEntry>();

  constructor(private readonly documents: OpenDocuments, private readonly log?: (message: string) => void) {}

  /** The file changed on disk (or its buffer did): its cached model is stale. */
  forget(path: string): void {
    this.disk.delete(path);
  }

  /**
   * A Python file changed on disk: every script that could import it (Python searches the script's own folder
   * first, so: the scripts whose folder holds it) is modelled again, open or not. Its own model is dropped too.
   */
  moduleChanged(module: string): void {
    this.disk.delete(module);
    const importer = (script: string) => script !== module && isInside(dirname(script), module);
    for (const script of [...this.disk.keys()]) if (importer(script)) this.disk.delete(script);
    for (const script of this.documents.paths()) if (importer(script)) this.documents.remodel(script);
  }

  textOf(path: string): string | null {
    const open = this.documents.textOf(path);
    if (open !== undefined) return open;
    const cached = this.disk.get(path);
    if (cached) return cached.text;
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return null;
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  }

  /** The model of a script (`kind: 'other'` when it is no simulator script); null when there is no such file. */
  model(path: string): ScriptModel | null {
    if (this.documents.has(path)) {
      const doc = this.documents.document(path);
      if (doc) return doc.model;
      return { kind: 'other', path, syntaxErrors: [] };
    }
    let st: Stats;
    try {
      st = statSync(path);
    } catch {
      return null;
    }
    if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return null;
    const key = `${st.size}:${st.mtimeMs}`;
    const cached = this.disk.get(path);
    if (cached?.key === key) return cached.model;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    const model: ScriptModel = mayBeSimulatorScript(text) ? this.analyze(path, text) : { kind: 'other', path, syntaxErrors: [] };
    this.disk.set(path, { key, model, text });
    return model;
  }

  private analyze(path: string, text: string): ScriptModel {
    try {
      return analyzeScript(path, text);
    } catch (e) {
      this.log?.(`modelling ${path} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return { kind: 'other', path, syntaxErrors: [] };
    }
  }
}
