// Extension entry point. Wiring only: each feature lives in its own module.
import type * as vscode from 'vscode';

export async function activate(_context: vscode.ExtensionContext): Promise<void> {
  // Features are registered here as they land (language client, tasks, tree view, explorer).
}

export function deactivate(): void {}
