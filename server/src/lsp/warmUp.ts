/**
 * Compiles the hot paths (parser, model, argparse emulation) once at start-up on two tiny scripts, so the first file
 * the user opens is not the one that pays for the JIT: a cold first parse costs several times a warm one.
 */
import { analyzeScript } from '../config/scriptDocument';

const GEM5 = `import argparse
import m5
from m5.objects import Root
parser = argparse.ArgumentParser()
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing"], default="atomic")
parser.add_argument("--ckpt-dir", type=str, default="")
args = parser.parse_args()
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
memory = sst.Component("memory", "memHierarchy.MemController")
memory.addParams({"clock": "2.4GHz", "addr_range_start": 0})
for node in range(2):
    cmd = [f"--outdir=m5out/restore_{node}", "gem5.py", "--cpu-type=timing"]
    g = sst.Component(f"gem5_{node}", "gem5.gem5Component")
    g.addParams({"frequency": "3GHz", "cmd": " ".join(cmd), "ports": "port"})
    b = g.setSubComponent("port", "gem5.gem5Bridge", 0)
    sst.Link(f"l{node}").connect((b, "port", "1ns"), (memory, "direct_link", "1ns"))
`;

export function warmUp(log: (m: string) => void): void {
  try {
    for (let i = 0; i < 3; i++) {
      analyzeScript('/warm-up/gem5.py', GEM5);
      analyzeScript('/warm-up/sst.py', SST);
    }
  } catch (e) {
    log(`warm-up failed (harmless): ${String(e)}`);
  }
}
