# Idiom: model options read with getopt (sst-elements' ember and merlin scripts): short options with and without
# values, long options by unique prefix, `--opt=value` and `--opt value`, getopt stopping at the first argument,
# gnu_getopt permuting, and GetoptError for a command line the script must reject.
import getopt
import sys
import sst

cores, size, verbose = 1, "1GiB", False
opts, rest = getopt.getopt(["-n", "4", "--size=2GiB", "--verbo", "-qx3", "trace.txt", "-z"], "n:qx:", ["size=", "verbose", "verbatim"])
for o, a in opts:
    if o == "-n":
        cores = int(a)
    elif o in ("--size",):
        size = a
    elif o == "--verbose":
        verbose = True

try:
    getopt.getopt(["--verb"], "", ["verbose", "verbatim"])
    ambiguous = "accepted"
except getopt.GetoptError:
    ambiguous = "rejected"

late, late_rest = getopt.gnu_getopt(["-n1", "a", "b"], "n:", "size=")
first, first_rest = getopt.gnu_getopt(["a", "--size", "3"], "+n:", ["size="])
try:
    getopt.getopt(["--size"], "", ["size="])
    missing = "accepted"
except getopt.error:
    missing = "rejected"
argv_opts, argv_rest = getopt.getopt(sys.argv[1:], "n:", [])

c = sst.Component("cpu", "miranda.BaseCPU")
c.addParams({"cores": cores, "size": size, "verbose": verbose, "opts": opts, "rest": rest, "ambiguous": ambiguous,
             "late": (late, late_rest), "first": (first, first_rest), "missing": missing, "argv": argv_opts})

# expect: params cpu = {"cores": "4", "size": "2GiB", "verbose": "True", "opts": "[('-n', '4'), ('--size', '2GiB'), ('--verbose', ''), ('-q', ''), ('-x', '3')]", "rest": "['trace.txt', '-z']", "ambiguous": "rejected", "late": "([('-n', '1')], ['a', 'b'])", "first": "([], ['a', '--size', '3'])", "missing": "rejected", "argv": "[]"}
