"""Reads a JSON list of Python sources on stdin; writes, for each, CPython's compile() verdict as JSON.

One process per batch: the differential test feeds every case at once.
"""
import json
import sys
import warnings


def verdict(src):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "<case>", "exec", dont_inherit=True)
        return None
    except SyntaxError as e:
        return {
            "type": type(e).__name__,
            "msg": e.msg,
            "lineno": e.lineno,
            "offset": e.offset,
            "end_lineno": getattr(e, "end_lineno", None),
            "end_offset": getattr(e, "end_offset", None),
        }
    except (ValueError, MemoryError, RecursionError) as e:
        return {"type": type(e).__name__, "msg": str(e), "lineno": None, "offset": None,
                "end_lineno": None, "end_offset": None}


def main():
    sources = json.load(sys.stdin)
    json.dump([verdict(s) for s in sources], sys.stdout)


main()
