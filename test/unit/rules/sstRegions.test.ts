/**
 * sstRegions (rules/memoryRanges.ts): the SST memory regions GS202 and the restore plan/retarget read. A region whose
 * backend mem_size cannot be read is left out by default (its size is unknown) and kept, bounded by its address range,
 * when the caller asks for it (GS202: a mem_size can only cut a region shorter).
 */
import assert from 'node:assert/strict';
import { modelSstScript } from '../../../server/src/config';
import { sstRegions } from '../../../server/src/rules/memoryRanges';

const SCRIPT = `import sst
import os

known = sst.Component("known", "memHierarchy.MemController")
known.addParams({"addr_range_start": 0, "addr_range_end": 4294967295})
known.setSubComponent("backend", "memHierarchy.simpleMem").addParams({"mem_size": "1GiB"})

unreadable = sst.Component("unreadable", "memHierarchy.MemController")
unreadable.addParams({"addr_range_start": 4294967296, "addr_range_end": 8589934591})
unreadable.setSubComponent("backend", "memHierarchy.simpleMem").addParams({"mem_size": os.environ["SST_MEM_SIZE"]})

no_mem_size = sst.Component("no_mem_size", "memHierarchy.MemController")
no_mem_size.addParams({"addr_range_start": 8589934592, "addr_range_end": 12884901887})
no_mem_size.setSubComponent("backend", "memHierarchy.simpleMem")
`;

const summary = (withUnknownSize?: boolean) =>
  sstRegions(modelSstScript('/w/s.py', SCRIPT, []), withUnknownSize === undefined ? undefined : { withUnknownSize }).map((r) => {
    const name = r.component.name.kind === 'str' ? r.component.name.value : '?';
    return `${name} ${r.start}-${r.effectiveEnd} size=${r.memSize?.bytes ?? 'none'} clamped=${r.clampedByMemSize}`;
  });

describe('sstRegions', () => {
  it('leaves out a MemController whose mem_size the model cannot read, and keeps one without mem_size (its address range is the region)', () => {
    const expected = ['known 0-1073741823 size=1073741824 clamped=true', 'no_mem_size 8589934592-12884901887 size=none clamped=false'];
    assert.deepEqual(summary(), expected);
    assert.deepEqual(summary(false), expected);
  });

  it('withUnknownSize keeps the unreadable one too, with its address range as the upper bound', () => {
    assert.deepEqual(summary(true), [
      'known 0-1073741823 size=1073741824 clamped=true',
      'unreadable 4294967296-8589934591 size=none clamped=false',
      'no_mem_size 8589934592-12884901887 size=none clamped=false',
    ]);
  });
});
