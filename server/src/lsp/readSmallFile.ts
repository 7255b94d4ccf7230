/** A file's text when it is small enough to be a config script (the status read-out scans it); otherwise undefined. */
import { readFileSync, statSync } from 'node:fs';

const MAX_BYTES = 4 * 1024 * 1024;

export function readSmallFile(path: string): string | undefined {
  try {
    return statSync(path).size <= MAX_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
