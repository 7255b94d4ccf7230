/** The Restore plan's HTML shell: the explorer's strict CSP with a per-load nonce, only the plan bundle and styles. */
import { explorerHtml, type ShellOptions } from '../explorer/html';

export function planHtml(o: ShellOptions): string {
  return explorerHtml(o).replace('Loading checkpoint…', 'Computing the restore plan…');
}
