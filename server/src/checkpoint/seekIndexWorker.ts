/**
 * Worker-thread entry (see seekIndexBuildWorker.ts): builds and caches one store's seek index off the main thread,
 * so the read that asked for it is answered at once by a straight native inflate. The build takes the same lock
 * and writes the cache the same atomic way as an in-thread build; an 'abort' message stops it between chunks, so
 * the lock is released and no temp file is left (a hard terminate could leave the lock held by a live pid).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildShared, type SeekIndex } from './seekIndex';

export interface WorkerJob {
  file: string;
  cacheDir: string;
  spanBytes?: number;
}

/** What the worker posts back: the index (windows as plain bytes) or why it could not be built. */
export type WorkerReply =
  | { type: 'done'; index: Omit<SeekIndex, 'points'> & { points: (Omit<SeekIndex['points'][number], 'window'> & { window: Uint8Array })[] } }
  | { type: 'error'; name: string; message: string };

const job = workerData as WorkerJob;
const controller = new AbortController();
parentPort?.on('message', (m: { type?: string }) => {
  if (m?.type === 'abort') controller.abort();
});

buildShared(job.file, { cacheDir: job.cacheDir, spanBytes: job.spanBytes, signal: controller.signal }).then(
  (index) => {
    // Plain objects: a cached index's points read their windows through getters, which a clone would not call.
    const points = index.points.map((p) => ({ out: p.out, in: p.in, bits: p.bits, member: p.member, crc: p.crc, outCrc: p.outCrc, window: p.window }));
    const reply: WorkerReply = { type: 'done', index: { ...index, points } };
    parentPort?.postMessage(reply);
  },
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const reply: WorkerReply = { type: 'error', name: err.name, message: err.message };
    parentPort?.postMessage(reply);
  },
).finally(() => parentPort?.close());
