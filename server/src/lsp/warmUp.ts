/**
 * Compiles the hot paths once at start-up, so the first file the user opens is not the one that pays for the JIT (a
 * cold first pull costs several times a warm one): one check of a small SST script whose node runs a small gem5
 * script, both in memory, through the same engine the server uses. That covers the parsers, both models, the
 * syntax check, run resolution (the gem5 script interpreted with the node's arguments) and the rules, at less cost
 * than modelling the two scripts alone three times did (which left run resolution and the rules cold).
 */
import { createWorkspaceEngine } from '../workspace/engine';

const ROOT = '/gem5-sst-warm-up';

const GEM5 = `import argparse
import m5
from m5.objects import Root, AddrRange
from gem5.components.memory import SingleChannelDDR4_2400
from gem5.components.processors.simple_processor import SimpleProcessor
from gem5.components.processors.cpu_types import CPUTypes
from gem5.isas import ISA
parser = argparse.ArgumentParser()
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing"], default="atomic")
parser.add_argument("--ckpt-dir", type=str, default="")
parser.add_argument("--remote-memory-addr-range", type=str, required=True)
args = parser.parse_args()
start, end = [int(x) for x in args.remote_memory_addr_range.split(",")]
memory = SingleChannelDDR4_2400(size="2GiB")
processor = SimpleProcessor(cpu_type=CPUTypes[args.cpu_type.upper()], isa=ISA.ARM, num_cores=2)
sizes = {"local": "2GiB", "remote": f"{4 * 1024}MiB"}
def node(i, base=0x100000000):
    return base + i * 1073741824
root = Root(full_system=True)
if args.ckpt_dir:
    m5.instantiate(args.ckpt_dir)
else:
    m5.instantiate()
    m5.checkpoint(m5.options.outdir + "/checkpoint")
`;

const SST = `import sst
from sst import UnitAlgebra
memory = sst.Component("memory", "memHierarchy.MemController")
memory.addParams({"clock": "2.4GHz", "addr_range_start": 0, "addr_range_end": UnitAlgebra("4GiB").getRoundedValue()})
for node in range(2):
    start = 4294967296 + node * 1073741824
    cmd = [f"--outdir=m5out/restore_{node}", "gem5.py", "--cpu-type=timing", f"--remote-memory-addr-range={start},{start + 1073741824}", "--ckpt-dir=ckpt"]
    g = sst.Component(f"gem5_{node}", "gem5.gem5Component")
    g.addParams({"frequency": "3GHz", "cmd": " ".join(cmd), "ports": "port"})
    b = g.setSubComponent("port", "gem5.gem5Bridge", 0)
    b.addParams({"response_receiver_name": "board.remote_memory"})
    sst.Link(f"l{node}").connect((b, "port", "1ns"), (memory, "direct_link", "1ns"))
`;

/** Runs the warm-up check; never throws (a failure only costs the first file its warm start). */
export async function warmUp(log: (m: string) => void): Promise<void> {
  try {
    // A throwaway engine without onDidChange: no settle timer, no workspace pass; the root does not exist on disk.
    const engine = createWorkspaceEngine([ROOT]);
    engine.setOpenDocument(`${ROOT}/gem5.py`, GEM5, 1);
    engine.setOpenDocument(`${ROOT}/sst.py`, SST, 1);
    const findings = await engine.findingsFor(`${ROOT}/sst.py`);
    await engine.findingsFor(`${ROOT}/gem5.py`);
    // Nothing reads the findings; their number goes to the log only when the warm-up script itself went wrong.
    if (findings.some((f) => f.code === 'GS101')) log('warm-up scripts do not parse (harmless)');
  } catch (e) {
    log(`warm-up failed (harmless): ${String(e)}`);
  }
}

/** The warm-up pair, for the test that checks the warm-up really links and checks them. */
export const WARM_UP_SCRIPTS = { root: ROOT, gem5: GEM5, sst: SST };
