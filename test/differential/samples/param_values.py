# Idiom: non-string param values, stored as SST stores them: value.__str__().
import sst

comp = sst.Component("c", "t.T")
comp.addParams({"b": True, "f": 0.5, "e": 1e-10, "big": 2 ** 64, "l": [1, "a"], "none": None})
comp.addParam(7, "seven") if False else comp.addParam("n", -3)
# Keys too are stored as their str().
other = sst.Component("k", "t.T")
other.addParams({1: "one", 2.5: "x", None: "n", (1, 2): "t"})

# expect: params c = {"b": "True", "f": "0.5", "e": "1e-10", "big": "18446744073709551616", "l": "[1, 'a']", "none": "None", "n": "-3"}
# expect: params k = {"1": "one", "2.5": "x", "None": "n", "(1, 2)": "t"}
