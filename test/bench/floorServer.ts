// The framework floor for the LSP benchmark: vscode-languageserver answering pull diagnostics with one fixed item
// and hovers with one fixed text, on the same incremental text sync.
import { createConnection, DocumentDiagnosticReportKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true, diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } }));
connection.languages.diagnostics.on(() => ({ kind: DocumentDiagnosticReportKind.Full, items: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'fixed' }] }));
connection.onHover(() => ({ contents: { kind: 'markdown', value: 'fixed' } }));
documents.listen(connection);
connection.listen();
