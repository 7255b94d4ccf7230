import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { modelSstScript } from '../../../server/src/config';

// A name bound on two branches of if/elif only: for any other option value CPython stops with NameError at the
// read, and SST builds nothing after it (darchr exp_arm_npb.py with --memory-allocation-policy remote).
const IF_ELIF = `import argparse
import sst
parser = argparse.ArgumentParser()
parser.add_argument("--policy", default="remote")
args = parser.parse_args()
bus = sst.Component("bus", "memHierarchy.Bus")
if args.policy == "all-local":
    size = "96GiB"
elif args.policy == "numa-local-preferred":
    size = "161GiB"
mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams({"backend.mem_size": size})
`;
const names = (text: string, argv: string[] = [], file = '/w/s.py') =>
  modelSstScript(file, text, argv).components.map((c) => (c.name.kind === 'str' ? c.name.value : '?'));

describe('NameError in the model: a name no scope binds stops the script, unless it may be bound unseen', () => {
  it('stops at the read of a name no branch bound, as CPython does, and says where', () => {
    const m = modelSstScript('/w/s.py', IF_ELIF, []);
    assert.deepEqual(m.components.map((c) => c.name.kind === 'str' && c.name.value), ['bus', 'memory']);
    assert.deepEqual(m.components[1].params.map((p) => p.key), []);
    assert.equal(m.truncated, "the script raises NameError: name 'size' is not defined (line 12)");
    // The option value that binds it: no error.
    assert.equal(modelSstScript('/w/s.py', IF_ELIF, ['--policy', 'all-local']).truncated, null);
  });

  it('raises nothing where the options are unknown (the branches may bind it)', () => {
    const m = modelSstScript('/w/s.py', IF_ELIF);
    assert.equal(m.truncated, null);
    assert.deepEqual(names(IF_ELIF), ['bus', 'memory']);
  });

  it('keeps a name unknown, not unbound, when the module may bind names the model does not see', () => {
    const reads = 'import sst\nc = sst.Component("c", "memHierarchy.Bus")\nc.addParam("x", maybe_bound)\nd = sst.Component("d", "memHierarchy.Bus")\n';
    for (const prefix of [
      'from some_unknown_library import *\n',
      'from sst import *\n',
      'globals()["maybe_bound"] = 1\n',
      'exec("maybe_bound = 1")\n',
      'import builtins\nbuiltins.maybe_bound = 1\n',
      'import sys\nsetattr(sys.modules[__name__], "maybe_bound", 1)\n',
      'match 1:\n    case _:\n        maybe_bound = 1\n',
    ]) {
      const m = modelSstScript('/w/s.py', prefix + reads, []);
      assert.equal(m.truncated, null, prefix);
      assert.deepEqual(m.components.length, 2, prefix);
    }
    assert.match(String(modelSstScript('/w/s.py', reads, []).truncated), /NameError: name 'maybe_bound'/);
  });

  it('knows every name Python predefines (builtins it does not model, module attributes)', () => {
    const text = 'import sst\nc = sst.Component("c", "memHierarchy.Bus")\nx = (divmod, memoryview, __doc__, __spec__, __builtins__, NotImplemented, Ellipsis)\nd = sst.Component("d", "memHierarchy.Bus")\n';
    assert.equal(modelSstScript('/w/s.py', text, []).truncated, null);
  });

  it('follows star imports of a module file it ran to the end, and not of one that may stop early', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'names-'));
    try {
      fs.writeFileSync(path.join(dir, 'helper.py'), 'known = 1\n');
      fs.writeFileSync(path.join(dir, 'stops.py'), 'import sys\nif len(sys.argv) > 5:\n    raise SystemExit(1)\nknown = 1\n');
      const reads = (mod: string) => `from ${mod} import *\nimport sst\nsst.Component("c", "memHierarchy.Bus").addParam("x", unknown_name)\n`;
      assert.match(String(modelSstScript(path.join(dir, 's.py'), reads('helper'), []).truncated), /NameError: name 'unknown_name'/);
      assert.equal(modelSstScript(path.join(dir, 's.py'), reads('stops'), undefined).truncated, null);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sst.exit() ends the script with status -1, as SST\'s exit(-1) does: nothing after it is built', () => {
    const m = modelSstScript('/w/s.py', 'import sst\nsst.Component("a", "t.T")\nsst.exit()\nsst.Component("b", "t.T")\n', []);
    assert.deepEqual(names('import sst\nsst.Component("a", "t.T")\nsst.exit()\nsst.Component("b", "t.T")\n'), ['a']);
    assert.equal(m.truncated, 'the script exits with status -1 before it ends');
  });
});
