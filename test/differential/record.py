"""Execute SST config scripts with the recording `sst` module and print the graph each one builds.

    python3 record.py --batch  <  [{"script": ABS, "cwd": ABS, "argv": [...], "ranks": N, "threads": N}, ...]
    python3 record.py SCRIPT [ARG ...]      (one script, cwd unchanged; prints one result)

Each script runs as `python3 script.py` would run it (as __main__, sys.argv, sys.path[0] = its folder), with its
stdout discarded. Output: a JSON array of {"script", "ok", "error", "seconds", "graph"}; "seconds" covers the
script's execution only.
"""

import contextlib
import io
import json
import os
import runpy
import sys
import sysconfig
import time
import traceback

# Never write __pycache__ next to a user's script (the corpus is read-only) or into the recorder.
sys.dont_write_bytecode = True
RUNNER_DIR = os.path.dirname(os.path.abspath(__file__))
RECORDER_DIR = os.path.join(RUNNER_DIR, "recorder")
sys.path.insert(0, RECORDER_DIR)
import sst  # noqa: E402  (loaded once, before any script, as SST's embedded module is)

_STDLIB_DIRS = tuple({os.path.abspath(sysconfig.get_paths()[k]) + os.sep for k in ("stdlib", "platstdlib")})


def _is_stdlib(module):
    path = getattr(module, "__file__", None)
    return path is None or os.path.abspath(path).startswith(_STDLIB_DIRS)


def _error_text(exc):
    """The exception line, with the innermost place in the user's code (not the recorder or this runner)."""
    line = traceback.format_exception_only(type(exc), exc)[-1].strip()
    if isinstance(exc, SyntaxError):
        if exc.filename and exc.lineno:
            line = "%s: %s (%s:%d)" % (type(exc).__name__, exc.msg, exc.filename, exc.lineno)
        return line
    where = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = os.path.abspath(frame.filename)
        if not path.startswith(RECORDER_DIR + os.sep) and path != os.path.abspath(__file__):
            where = "%s:%d" % (path, frame.lineno)
    return line + (" (at %s)" % where if where else "")


def run_job(job):
    script = os.path.abspath(job["script"])
    saved_path, saved_argv, saved_cwd = list(sys.path), list(sys.argv), os.getcwd()
    saved_modules = set(sys.modules)
    sst._reset(job.get("ranks", 1), job.get("threads", 1))
    ok, error, seconds = True, None, 0.0
    try:
        os.chdir(job.get("cwd") or os.path.dirname(script))
        sys.argv = [script] + [str(a) for a in job.get("argv", [])]
        # As `python3 script.py` builds it (the script's folder first, not this runner's), plus the recorder.
        others = [p for p in saved_path if p not in (RECORDER_DIR, RUNNER_DIR)]
        sys.path[:] = [os.path.dirname(script)] + others + [RECORDER_DIR]
        start = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                runpy.run_path(script, run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                ok, error = False, "SystemExit: %s" % exc.code
        except BaseException as exc:  # noqa: B902  (a script may raise anything; the batch goes on)
            if isinstance(exc, KeyboardInterrupt):
                raise
            ok, error = False, _error_text(exc)
        seconds = time.perf_counter() - start
    finally:
        os.chdir(saved_cwd)
        sys.argv, sys.path[:] = saved_argv, saved_path
        # A fresh module state per job: forget what this script imported (its helper modules, gem5 stubs, ...).
        for name in set(sys.modules) - saved_modules:
            if not _is_stdlib(sys.modules[name]) and name != "sst" and not name.startswith("sst."):
                del sys.modules[name]
    return {"script": script, "ok": ok, "error": error, "seconds": seconds,
            "graph": sst._graph_json() if ok else None}


def main(argv):
    if argv[:1] == ["--batch"]:
        jobs = json.load(sys.stdin)
    elif argv and not argv[0].startswith("-"):
        jobs = [{"script": argv[0], "cwd": os.getcwd(), "argv": argv[1:]}]
    else:
        sys.stderr.write(__doc__)
        return 2
    out = sys.stdout
    results = [run_job(job) for job in jobs]
    json.dump(results, out, indent=1)
    out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
