# The except clause that takes an exception is the first whose class (or a base of it) it names: a NameError passes
# `except KeyError:`, a ValueError is taken by `except ValueError as e:` after a tuple that does not name it, a
# RuntimeError raised in a helper passes `except NotImplementedError:` and lands in `except Exception:`, and an
# inner try without a matching clause hands a ZeroDivisionError to the outer `except ArithmeticError:`.
import sst

try:
    x = undefined_name
except KeyError:
    by_class = "key"
except NameError:
    by_class = "name"

try:
    int("4GiB")
except (TypeError, KeyError):
    tuple_clause = "type or key"
except ValueError as e:
    tuple_clause = "value"


def helper():
    raise RuntimeError("not here")


try:
    helper()
except NotImplementedError:
    from_helper = "not implemented"
except Exception:
    from_helper = "exception"

try:
    try:
        1 // 0
    except KeyError:
        nested = "inner"
except ArithmeticError:
    nested = "outer"

try:
    assert 1 == 2, "never"
except AssertionError:
    asserted = "assertion"
except Exception:
    asserted = "other"

c = sst.Component("c", "memHierarchy.Bus")
c.addParams({"by_class": by_class, "tuple_clause": tuple_clause, "from_helper": from_helper, "nested": nested,
             "asserted": asserted})

# expect: param c.by_class = "name"
# expect: param c.tuple_clause = "value"
# expect: param c.from_helper = "exception"
# expect: param c.nested = "outer"
# expect: param c.asserted = "assertion"
