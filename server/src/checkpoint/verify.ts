/**
 * `verifyCheckpoint`: inflates every store once and checks what gem5 would otherwise discover hours into a restore —
 * the gzip stream is intact (CRC, trailer) and inflates to exactly `range_size` bytes (GS404, GS405).
 */
import type { StoreVerification } from '../protocol/checkpoint';
import { CPT_FILE, parseCheckpoint, problem } from './inspect';
import { checkStore } from './pmemStream';
import { resolveRealInside } from './safePath';

export interface VerifyOptions {
  onProgress?(done: bigint, total: bigint, store: number): void;
  signal?: AbortSignal;
}

export async function verifyCheckpoint(dir: string, opts: VerifyOptions = {}): Promise<StoreVerification[]> {
  const { summary } = await parseCheckpoint(dir, { signal: opts.signal });
  const results: StoreVerification[] = [];
  for (const store of summary.stores) {
    const result: StoreVerification = {
      id: store.id, file: store.file, ok: false, inflatedBytes: '0', rangeSize: store.rangeSize, problems: [],
    };
    results.push(result);
    if (!/^\d+$/.test(store.rangeSize)) {
      result.problems.push(problem('GS405', `range_size "${store.rangeSize}" is not a byte count`, CPT_FILE, store.line));
      continue;
    }
    const path = store.file ? await resolveRealInside(summary.path, store.file) : null;
    if (!path) {
      result.problems.push(problem('GS404', `filename=${store.file} is not a file inside the checkpoint directory`, CPT_FILE, store.line));
      continue;
    }
    if (!store.present) {
      result.problems.push(problem('GS404', `${store.file} is missing`, store.file));
      continue;
    }
    const total = BigInt(store.rangeSize);
    const check = await checkStore(path, total, (done) => opts.onProgress?.(done, total, store.id), opts.signal);
    result.inflatedBytes = check.inflated.toString();
    if (check.problem) result.problems.push(problem('GS405', `${store.file}: ${check.problem}`, store.file));
    result.ok = result.problems.length === 0;
  }
  return results;
}
