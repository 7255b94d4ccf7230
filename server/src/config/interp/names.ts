/**
 * When reading a name is a NameError: every name Python's builtins module has (3.11, plus the few later ones), and
 * the module attributes Python sets, exist even where the model defines no value for them; any other name that no
 * scope binds is unbound — unless the module may bind names the model cannot see (`from x import *` of a module it
 * cannot list, globals()/exec/eval/builtins tricks, a statement it does not run), where it stays unknown.
 */
export const PYTHON_PREDEFINED_NAMES: ReadonlySet<string> = new Set([
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BaseExceptionGroup', 'BlockingIOError',
  'BrokenPipeError', 'BufferError', 'BytesWarning', 'ChildProcessError', 'ConnectionAbortedError', 'ConnectionError',
  'ConnectionRefusedError', 'ConnectionResetError', 'DeprecationWarning', 'EOFError', 'Ellipsis', 'EncodingWarning',
  'EnvironmentError', 'Exception', 'ExceptionGroup', 'False', 'FileExistsError', 'FileNotFoundError',
  'FloatingPointError', 'FutureWarning', 'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning',
  'IndentationError', 'IndexError', 'InterruptedError', 'IsADirectoryError', 'KeyError', 'KeyboardInterrupt',
  'LookupError', 'MemoryError', 'ModuleNotFoundError', 'NameError', 'None', 'NotADirectoryError', 'NotImplemented',
  'NotImplementedError', 'OSError', 'OverflowError', 'PendingDeprecationWarning', 'PermissionError',
  'ProcessLookupError', 'RecursionError', 'ReferenceError', 'ResourceWarning', 'RuntimeError', 'RuntimeWarning',
  'StopAsyncIteration', 'StopIteration', 'SyntaxError', 'SyntaxWarning', 'SystemError', 'SystemExit', 'TabError',
  'TimeoutError', 'True', 'TypeError', 'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError',
  'UnicodeError', 'UnicodeTranslateError', 'UnicodeWarning', 'UserWarning', 'ValueError', 'Warning',
  'ZeroDivisionError', '__build_class__', '__debug__', '__doc__', '__import__', '__loader__', '__name__',
  '__package__', '__spec__', 'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint',
  'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr',
  'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr',
  'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len',
  'license', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow',
  'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted',
  'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip', '__file__', '__builtins__',
  '__annotations__', '__cached__', '__path__', 'PythonFinalizationError', '_IncompleteInputError',
]);

/** Text that lets a module bind names the model cannot follow: then an unbound name may still be bound. */
const DYNAMIC_NAMES = /\b(?:globals|locals|exec|eval|__import__)\s*\(|\bvars\s*\(\s*\)|__builtins__|\bbuiltins\b|\bsys\s*\.\s*modules\b/;

/** Why a module's names may be bound where the model cannot see it, from its text; null when they cannot. */
export function dynamicNamesIn(text: string): string | null {
  const m = DYNAMIC_NAMES.exec(text);
  return m ? `it uses ${m[0].replace(/\s+/g, '')}` : null;
}

/**
 * Python 2 standard modules that Python 3 removed or renamed (ConfigParser is configparser, Queue is queue, …):
 * `import ConfigParser` fails under the Python 3 that SST and gem5 run, unless a module of that name sits on the
 * search path — which is what `try: import ConfigParser / except ImportError: import configparser` relies on.
 */
export const PYTHON2_ONLY_MODULES: ReadonlySet<string> = new Set([
  'ConfigParser', 'Queue', 'StringIO', 'cStringIO', 'cPickle', 'urllib2', 'urlparse', '__builtin__', 'HTMLParser',
  'httplib', 'SocketServer', 'Tkinter', 'commands', 'sets', 'md5', 'sha', 'copy_reg', 'cookielib', 'Cookie',
  'xmlrpclib', 'thread', 'dummy_thread', 'anydbm', 'whichdb', 'dumbdbm', 'exceptions', 'UserDict', 'UserList',
  'UserString', 'popen2', 'htmlentitydefs', 'robotparser', 'SimpleHTTPServer', 'BaseHTTPServer', 'CGIHTTPServer',
  'mimetools', 'rfc822', 'future_builtins',
]);
