/**
 * Which `except` clause takes an exception: Python's built-in exception classes and their bases, so that a
 * NameError raised under `try: … except KeyError:` passes that clause as in CPython. A clause naming anything else
 * (a script's own class, an alias) cannot be decided here.
 */
const PARENT: Record<string, string> = {
  Exception: 'BaseException', SystemExit: 'BaseException', KeyboardInterrupt: 'BaseException', GeneratorExit: 'BaseException',
  ArithmeticError: 'Exception', ZeroDivisionError: 'ArithmeticError', OverflowError: 'ArithmeticError', FloatingPointError: 'ArithmeticError',
  LookupError: 'Exception', KeyError: 'LookupError', IndexError: 'LookupError',
  NameError: 'Exception', UnboundLocalError: 'NameError',
  ValueError: 'Exception', UnicodeError: 'ValueError', UnicodeDecodeError: 'UnicodeError', UnicodeEncodeError: 'UnicodeError',
  TypeError: 'Exception', AttributeError: 'Exception', AssertionError: 'Exception', StopIteration: 'Exception',
  RuntimeError: 'Exception', NotImplementedError: 'RuntimeError', RecursionError: 'RuntimeError',
  ImportError: 'Exception', ModuleNotFoundError: 'ImportError',
  OSError: 'Exception', FileNotFoundError: 'OSError', PermissionError: 'OSError',
  IsADirectoryError: 'OSError', NotADirectoryError: 'OSError', FileExistsError: 'OSError',
  EOFError: 'Exception', BufferError: 'Exception', MemoryError: 'Exception',
};
// EnvironmentError and IOError are OSError itself in Python 3.
const ALIAS: Record<string, string> = { EnvironmentError: 'OSError', IOError: 'OSError' };

const known = (cls: string) => Object.hasOwn(PARENT, cls) || cls === 'BaseException';

/** The built-in class of a raised exception from its description (`"NameError: name 'x' …"`), or null. */
export function builtinExceptionOf(what: string): string | null {
  const name = /^\w+/.exec(what)?.[0] ?? '';
  const cls = ALIAS[name] ?? name;
  return known(cls) ? cls : null;
}

/**
 * Whether an `except` clause naming `clause` (the text between `except` and `as`/`:`) takes a `raised` exception;
 * null when the clause names a class this table does not hold.
 */
export function clauseTakes(clause: string, raised: string): boolean | null {
  const names = clause.replace(/^\s*\(|\)\s*$/g, '').split(',').map((n) => n.trim()).filter(Boolean);
  if (!names.length || names.some((n) => !known(ALIAS[n] ?? n))) return null;
  return names.some((n) => {
    const target = ALIAS[n] ?? n;
    for (let c: string | undefined = raised; c; c = PARENT[c]) if (c === target) return true;
    return false;
  });
}
