# Idiom: pseudo-random but reproducible configs: the script seeds random itself, then draws start times for senders
# (randint) and a node list for a job (sample of all nodes, joined by commas, as ember's generateNidListRandom
# does). With the seed in the script every draw is known: CPython's Mersenne Twister gives the same numbers.
import random
import sst

random.seed(0xF00DBEEF)
nodes = random.sample(list(range(16)), 16)
nid_list = ",".join(str(x) for x in nodes[2:6])

rng = random.Random(1342)
receiver = sst.Component("receiver", "congestiveCollapse.receiver")
for x in range(3):
    sender = sst.Component("sender_%d" % x, "congestiveCollapse.sender")
    sender.addParams({"start_cycle": rng.randint(1, 100), "jitter": round(rng.random(), 6)})
    sst.Link("link%d" % x).connect((receiver, "port%d" % x, "1ms"), (sender, "port", "1ms"))
receiver.addParam("nids", nid_list)

# expect: params sender_1 = {"start_cycle": "65", "jitter": "0.786802"}
# expect: param receiver.nids = "0,4,13,10"
# expect: count links 3
