/**
 * One short string for a file's findings as the editor shows them (code, position, severity, message), computed
 * alike by the server (from its findings) and the client (from VS Code's diagnostics): the Restore plan panel
 * compares them to tell whether a diagnostics change says anything its last plan did not already show.
 */
export type SignatureSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface FindingKey {
  code: string;
  line: number;
  character: number;
  severity: SignatureSeverity;
  message: string;
}

/** Order-independent: FNV-1a (32 bit) over the sorted keys, with their count. */
export function findingsSignature(keys: readonly FindingKey[]): string {
  const lines = keys.map((k) => `${k.code}\u0000${k.line}\u0000${k.character}\u0000${k.severity}\u0000${k.message}`).sort();
  let h = 0x811c9dc5;
  for (const l of lines) {
    for (let i = 0; i < l.length; i++) {
      h ^= l.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x0a;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${keys.length}:${h.toString(16)}`;
}
