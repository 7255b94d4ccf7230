/** Small helpers every benchmark uses, so all of them print medians and ratios the same way. */
import { performance } from 'node:perf_hooks';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Runs `fn` `runs` times after `warmup` runs and returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Prints one result line: name, median (and p95), the target, and a ratio against a baseline measured in the same run. */
export function report(name: string, ms: number[], opts: { target?: string; baseline?: { name: string; ms: number[] } } = {}): void {
  const parts = [`${name.padEnd(58)} median ${median(ms).toFixed(2)} ms  p95 ${percentile(ms, 95).toFixed(2)} ms  (n=${ms.length})`];
  if (opts.baseline) {
    parts.push(`  ratio vs ${opts.baseline.name}: ${(median(ms) / median(opts.baseline.ms)).toFixed(2)}`);
  }
  if (opts.target) parts.push(`  target: ${opts.target}`);
  console.log(parts.join(''));
}
