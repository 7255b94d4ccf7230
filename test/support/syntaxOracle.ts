/**
 * CPython's own verdicts: one python3 process compiles a whole batch of sources (JSON on stdin, JSON on stdout).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CPythonVerdict {
  type: string;
  msg: string;
  lineno: number | null;
  offset: number | null;
  end_lineno: number | null;
  end_offset: number | null;
}

const SCRIPT = join(__dirname, 'cpython_compile.py');

/** python3's version as [major, minor], or null when python3 is not on the PATH. */
export function python3Version(): [number, number] | null {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [a, b] = r.stdout.trim().split(' ').map(Number);
  return [a, b];
}

export function cpythonVerdicts(sources: readonly string[]): (CPythonVerdict | null)[] {
  const r = spawnSync('python3', [SCRIPT], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as (CPythonVerdict | null)[];
}
