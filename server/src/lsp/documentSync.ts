/**
 * Incremental text sync that keeps each change's range: the editor's TextDocument (for line prefixes and offsets)
 * plus, per change, the edit as offsets into the text it applied to, so the script model can re-parse only what
 * changed, later, once. Does the job of vscode-languageserver's TextDocuments, which only reports the new text.
 */
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../config/scriptDocument';

export interface DocumentSyncHandlers {
  /** didOpen, or a full-text didChange. */
  onText(uri: string, text: string, version: number): void;
  /** Ranged didChange: the edits in order and the resulting text. */
  onEdits(uri: string, edits: TextEdit[], text: string, version: number): void;
  onClose(uri: string): void;
}

export class DocumentSync {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly handlers: DocumentSyncHandlers) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  keys(): string[] {
    return [...this.docs.keys()];
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      const doc = TextDocument.create(t.uri, t.languageId, t.version, t.text);
      this.docs.set(t.uri, doc);
      this.handlers.onText(t.uri, doc.getText(), doc.version);
    });
    connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
      const doc = this.docs.get(t.uri);
      if (!doc || contentChanges.length === 0) return;
      const version = t.version ?? doc.version + 1;
      const edits = applyChanges(doc, contentChanges, version);
      if (edits) this.handlers.onEdits(t.uri, edits, doc.getText(), doc.version);
      else this.handlers.onText(t.uri, doc.getText(), doc.version);
    });
    connection.onDidCloseTextDocument(({ textDocument: t }) => {
      if (this.docs.delete(t.uri)) this.handlers.onClose(t.uri);
    });
  }
}

/** Applies the changes one by one; returns each as an offset edit, or null when one of them replaced the whole text. */
function applyChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextEdit[] | null {
  let edits: TextEdit[] | null = [];
  for (const change of changes) {
    if ('range' in change) {
      const from = doc.offsetAt(change.range.start);
      const to = Math.max(from, doc.offsetAt(change.range.end));
      edits?.push({ from, to, insert: change.text });
    } else {
      edits = null;
    }
    TextDocument.update(doc, [change], version);
  }
  return edits;
}
