/** Typed access to the webview API, with an in-memory fallback so the UI also runs in tests and a plain browser. */
import type { ViewToHost } from '../../server/src/protocol/webview';

export interface PersistedState {
  dir?: string;
  tab?: string;
  hexInput?: string;
  filter?: string;
}

export interface HostApi {
  post(message: ViewToHost): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

export function hostApi(): HostApi {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      post: (m) => api.postMessage(m),
      getState: () => api.getState() as PersistedState | undefined,
      setState: (s) => api.setState(s),
    };
  }
  let state: PersistedState | undefined;
  return { post: () => undefined, getState: () => state, setState: (s) => (state = s) };
}
