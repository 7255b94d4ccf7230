// Checkpoint explorer webview bootstrap.
export {};
