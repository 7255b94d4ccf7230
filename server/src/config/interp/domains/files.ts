/**
 * Files a script reads while SST runs it: `open(path).read()`, `with open(p) as f: json.load(f)`, `os.path.exists`.
 * Only where the run's working directory is known (an sst task gives it), since a relative path resolves against
 * it; a file that is missing, too large or not text is unknown, never an error the model invents. Every path read
 * is remembered so that a model built from a file is rebuilt when the file changes.
 */
import { touch, born, type Journaled } from '../journal';
import type { Interpreter } from '../interpreter';
import { NONE, UNKNOWN, FALSE, str, type Value } from '../values';
import { nativeObject, normpath, posixJoin } from './stdlib';

/** The run's view of the disk (moduleLoader.ts gives the real one). */
export interface RunFiles {
  /** Absolute working directory of the run. */
  cwd: string;
  /** The file's text; null when it is missing, not a file, too large or not UTF-8. */
  read(absPath: string): string | null;
  kind(absPath: string): 'file' | 'dir' | null;
}

export function absolutePath(files: RunFiles, p: string): string {
  return normpath(p.startsWith('/') ? p : posixJoin([files.cwd, p]));
}

/** A text file opened for reading: read(), readline(), readlines(), iteration by line; one position, as in Python. */
class FilePosition implements Journaled {
  pos = 0;
  snapshot(): number {
    return this.pos;
  }
  restore(s: unknown): void {
    this.pos = s as number;
  }
  join(a: unknown, b: unknown): void {
    // Read to different places on the two sides: where it stands is unknown.
    this.pos = a === b ? (a as number) : -1;
  }
}

/** `open(path, mode)`: a file object for a readable text file, else unknown. */
export function openFile(interp: Interpreter, files: RunFiles | undefined, path: Value | undefined, mode: Value | undefined): Value {
  if (!files || path?.kind !== 'str') return UNKNOWN;
  // Text reading only: bytes, writing and appending are not modelled.
  if (mode && !(mode.kind === 'str' && /^(?:r|rt|tr)$/.test(mode.value))) return UNKNOWN;
  const abs = absolutePath(files, path.value);
  interp.noteFileRead(abs);
  const text = files.read(abs);
  if (text === null) return UNKNOWN;
  const at = born(new FilePosition());
  const fn = (name: string, f: (args: Value[]) => Value) => interp.nativeFn(name, (args) => f(args));
  const rest = (): string | null => {
    if (at.pos < 0) return null;
    touch(at);
    const r = text.slice(at.pos);
    at.pos = text.length;
    return r;
  };
  const line = (): string | null => {
    if (at.pos < 0) return null;
    touch(at);
    const nl = text.indexOf('\n', at.pos);
    const end = nl < 0 ? text.length : nl + 1;
    const r = text.slice(at.pos, end);
    at.pos = end;
    return r;
  };
  const lines = (): Value[] | null => {
    const r = rest();
    return r === null ? null : (r.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((l) => str(l));
  };
  const self: Value = nativeObject('TextIOWrapper', null, (name) => {
    switch (name) {
      case 'read': return fn(name, () => { const r = rest(); return r === null ? UNKNOWN : str(r); });
      case 'readline': return fn(name, () => { const r = line(); return r === null ? UNKNOWN : str(r); });
      case 'readlines': return fn(name, () => { const l = lines(); return l ? interp.list(l) : UNKNOWN; });
      case '__iter__': return fn(name, () => interp.iteratorOf(() => lines(), 'lines'));
      case '__enter__': return fn(name, () => self);
      case '__exit__': return fn(name, () => FALSE);
      case 'close': return fn(name, () => NONE);
      case 'name': return path;
      default: return undefined;
    }
  });
  return self;
}

/** os.path.exists/isfile/isdir of a path: known where the run's files are. */
export function pathKind(interp: Interpreter, files: RunFiles | undefined, path: Value | undefined): 'file' | 'dir' | null | undefined {
  if (!files || path?.kind !== 'str') return undefined;
  const abs = absolutePath(files, path.value);
  interp.noteFileRead(abs);
  return files.kind(abs);
}
