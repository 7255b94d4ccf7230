import assert from 'node:assert/strict';
import { analyzeScript } from '../../../server/src/config/scriptDocument';
import type { SstScriptModel } from '../../../server/src/config/types';
import { ranksNeeded } from '../../../server/src/workspace/suggestTasks';

function sstScript(nodes: number, setRank: boolean): SstScriptModel {
  const lines = ['import sst', 'memory = sst.Component("memory", "memHierarchy.MemController")'];
  if (setRank) lines.push('memory.setRank(0, 0)');
  for (let n = 0; n < nodes; n++) {
    lines.push(`g${n} = sst.Component("gem5_node_${n}", "gem5.gem5Component")`);
    lines.push(`g${n}.addParams({"frequency": "3GHz", "cmd": "../a.py --instance=${n}", "ports": "p"})`);
    if (setRank) lines.push(`g${n}.setRank(${n + 1}, 0)`);
  }
  const m = analyzeScript('/ws/sst/r.py', lines.join('\n') + '\n');
  assert.equal(m.kind, 'sst');
  return m as SstScriptModel;
}

describe('ranks offered for an SST restore', () => {
  it('a one-node script runs serially: one rank, with or without setRank', () => {
    assert.deepEqual(ranksNeeded(sstScript(1, false)), { ranks: 1, selfPartitioned: false });
    assert.deepEqual(ranksNeeded(sstScript(1, true)), { ranks: 1, selfPartitioned: false });
  });

  it('N nodes under the default linear partitioner need N + 1 ranks (bus and memory share rank 0)', () => {
    assert.deepEqual(ranksNeeded(sstScript(2, false)), { ranks: 3, selfPartitioned: false });
    assert.deepEqual(ranksNeeded(sstScript(4, false)), { ranks: 5, selfPartitioned: false });
  });

  it('setRank placements need one rank per placed rank, honoured with sst.self', () => {
    assert.deepEqual(ranksNeeded(sstScript(3, true)), { ranks: 4, selfPartitioned: true });
  });
});
