/**
 * Builds a store's seek index in a worker thread (seekIndexWorker.ts), so the read that needs it is answered by a
 * straight native inflate meanwhile instead of waiting for the build (which inflates the whole store). One build per
 * store per process; every live build is listed so the host can stop them all when it shuts down.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SeekIndex } from './seekIndex';
import { defaultCacheDir } from './seekIndexCache';
import type { WorkerJob, WorkerReply } from './seekIndexWorker';

export interface WorkerBuild {
  /** Resolves with the index (also written to the cache), rejects with the build's error or 'cancelled'. */
  done: Promise<SeekIndex>;
  /** Asks the worker to stop (it releases the cache lock and writes nothing), then terminates it if it does not. */
  stop(): Promise<void>;
}

/** A worker that ignores the abort message this long is terminated outright. */
const STOP_GRACE_MS = 3000;
const live = new Set<WorkerBuild>();
const byStore = new Map<string, WorkerBuild>();

/**
 * Where the worker script is: next to this module when running from source (tsx, tests), else the bundle
 * out/worker/seekIndexWorker.js, found from whichever bundle (out/client, out/cli/commands, ...) loaded this code.
 */
export function workerScript(): string {
  if (__filename.endsWith('.ts')) return join(__dirname, 'seekIndexWorker.ts');
  for (let dir = __dirname, up = 0; up < 4; up++, dir = dirname(dir)) {
    const candidate = join(dir, 'worker', 'seekIndexWorker.js');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the seek-index worker (worker/seekIndexWorker.js) is missing next to ${__dirname}`);
}

/** Starts a worker build of `file`'s index; a second call for the same store while one runs shares it. */
export function buildSeekIndexInWorker(file: string, opts: { cacheDir?: string; spanBytes?: number; shared?: boolean } = {}): WorkerBuild {
  const running = opts.shared === false ? undefined : byStore.get(file);
  if (running) return running;
  const job: WorkerJob = { file, cacheDir: opts.cacheDir ?? defaultCacheDir(), spanBytes: opts.spanBytes };
  let worker: Worker;
  try {
    const script = workerScript();
    // From source the worker must load tsx itself: Node 20 does not pass --import loader hooks to workers.
    worker = script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData: job })
      : new Worker(script, { workerData: job });
  } catch (e) {
    const failed = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    failed.catch(() => undefined);
    return { done: failed, stop: async () => undefined };
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => { exited = true; resolve(); }));
  // Settles once the worker has exited, so a settled build never leaves a thread (or the cache lock) behind.
  const done = new Promise<SeekIndex>((resolve, reject) => {
    let reply: WorkerReply | null = null;
    let crash: Error | null = null;
    worker.on('message', (m: WorkerReply) => { reply = m; });
    worker.on('error', (e) => { crash = e; });
    void exit.then(() => {
      const r = reply as WorkerReply | null;
      if (r?.type === 'done') resolve(fromReply(r.index));
      else if (r?.type === 'error') reject(Object.assign(new Error(`seek index of ${file} not built: ${r.message}`), { name: r.name === 'AbortError' ? 'AbortError' : 'Error' }));
      else if (crash) reject(new Error(`seek index of ${file} not built: the worker failed (${(crash as Error).message})`));
      else reject(Object.assign(new Error(`seek index of ${file} not built: cancelled`), { name: 'AbortError' }));
    });
  });
  done.catch(() => undefined);
  const build: WorkerBuild = {
    done,
    async stop() {
      if (exited) return;
      worker.postMessage({ type: 'abort' });
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exit;
      clearTimeout(timer);
    },
  };
  live.add(build);
  if (opts.shared !== false) byStore.set(file, build);
  void exit.then(() => {
    live.delete(build);
    if (byStore.get(file) === build) byStore.delete(file);
  });
  return build;
}

/** Stops every running worker build (host shutdown); resolves when all have exited. */
export async function stopSeekIndexBuilds(): Promise<void> {
  await Promise.all([...live].map((b) => b.stop()));
}

/** Worker builds still running (for tests and shutdown checks). */
export function runningSeekIndexBuilds(): number {
  return live.size;
}

/** The index as the worker cloned it: its windows arrive as Uint8Array views of the copied bytes. */
function fromReply(index: Extract<WorkerReply, { type: 'done' }>['index']): SeekIndex {
  const buffers = new Map<ArrayBufferLike, Buffer>();
  const asBuffer = (u: Uint8Array): Buffer => {
    // The worker's shared all-zero window arrives as one ArrayBuffer referenced by many points: keep it shared.
    if (u.byteOffset === 0 && u.byteLength === u.buffer.byteLength) {
      let b = buffers.get(u.buffer);
      if (!b) buffers.set(u.buffer, (b = Buffer.from(u.buffer, 0, u.byteLength)));
      return b;
    }
    return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  };
  return { ...index, points: index.points.map((p) => ({ ...p, window: asBuffer(p.window) })) };
}
