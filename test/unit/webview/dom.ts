/**
 * A happy-dom window installed as the global DOM for rendering tests (what the webview code expects, including the
 * constructors the toolkit's FAST elements touch at import time). Globals it adds are removed again on dispose.
 */
import { Window } from 'happy-dom';

export function installDom(): { window: Window; dispose(): Promise<void> } {
  const window = new Window({ url: 'https://webview.test/' });
  const g = globalThis as Record<string, unknown>;
  const added: string[] = [];
  const replaced = new Map<string, unknown>();
  const w = window as unknown as Record<string, unknown>;
  const names = new Set<string>();
  for (let o: object | null = window; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const n of Object.getOwnPropertyNames(o)) names.add(n);
  }
  for (const name of names) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    const isCtor = /^[A-Z]/.test(name);
    const wanted = isCtor || ['document', 'window', 'customElements', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle', 'navigator', 'matchMedia'].includes(name);
    if (!wanted) continue;
    let value: unknown;
    try {
      value = w[name];
    } catch {
      continue;
    }
    if (value === undefined) continue;
    if (name in g) {
      if (['window', 'document', 'customElements', 'navigator'].includes(name) || isCtor && !(name in Object(globalThis.constructor))) {
        if (['Event', 'EventTarget', 'URL', 'URLSearchParams', 'Blob', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Buffer', 'MessageChannel', 'MessagePort', 'BroadcastChannel', 'Headers', 'Request', 'Response', 'FormData', 'WebSocket', 'Performance', 'PerformanceEntry', 'DOMException', 'ReadableStream', 'WritableStream', 'TransformStream', 'File', 'Crypto', 'CryptoKey', 'SubtleCrypto', 'CustomEvent'].includes(name)) continue;
        try {
          replaced.set(name, g[name]);
          g[name] = value;
        } catch {
          replaced.delete(name);
        }
      }
      continue;
    }
    try {
      g[name] = value;
      added.push(name);
    } catch {
      // read-only global: leave it
    }
  }
  return {
    window,
    async dispose() {
      await window.happyDOM.abort();
      window.close();
      for (const n of added) delete g[n];
      for (const [n, v] of replaced) g[n] = v;
    },
  };
}
