import { strict as assert } from 'node:assert';
import { computeStoreOrder, type StoreMemory } from '../../../server/src/checkpoint/storeOrder';

const GiB = 1n << 30n;

describe('gem5 store numbering (domain-spec §1.4)', () => {
  it('ArmSstDMBoard: the bridge outside the address map is store0, local memory store1', () => {
    const mems: StoreMemory[] = [
      { name: 'board.memory.mem_ctrl.dram', inAddrMap: true, ranges: [{ start: 2n * GiB, end: 4n * GiB, interleaved: false }] },
      { name: 'board.remote_memory', inAddrMap: false, ranges: [{ start: 4n * GiB, end: 6n * GiB, interleaved: false }] },
    ];
    const stores = computeStoreOrder(mems);
    assert.deepEqual(stores.map((s) => s.memories[0]), ['board.remote_memory', 'board.memory.mem_ctrl.dram']);
    assert.equal(stores[0].start, 4n * GiB);
  });

  it('ArmGem5DMBoard: two interleaved memories merge per memory, local (lower address) first', () => {
    const ch = (name: string, s: bigint, e: bigint): StoreMemory => ({ name, inAddrMap: true, ranges: [{ start: s, end: e, interleaved: true }] });
    const stores = computeStoreOrder([
      ch('board.memory.mem_ctrl0.dram', 2n * GiB, 4n * GiB),
      ch('board.memory.mem_ctrl1.dram', 2n * GiB, 4n * GiB),
      ch('board.remote_memory.mem_ctrl0.dram', 4n * GiB, 6n * GiB),
      ch('board.remote_memory.mem_ctrl1.dram', 4n * GiB, 6n * GiB),
    ]);
    assert.equal(stores.length, 2);
    assert.deepEqual(stores[0].memories, ['board.memory.mem_ctrl0.dram', 'board.memory.mem_ctrl1.dram']);
    assert.equal(stores[1].start, 4n * GiB);
  });

  it('ArmComposableMemoryBoard: local single channel first, external memory in the address map second', () => {
    const stores = computeStoreOrder([
      { name: 'board.remote_memory.outgoing_request_bridge', inAddrMap: true, ranges: [{ start: 10n * GiB, end: 12n * GiB, interleaved: false }] },
      { name: 'board.memory.mem_ctrl.dram', inAddrMap: true, ranges: [{ start: 2n * GiB, end: 10n * GiB, interleaved: false }] },
    ]);
    assert.deepEqual(stores.map((s) => s.memories[0]), ['board.memory.mem_ctrl.dram', 'board.remote_memory.outgoing_request_bridge']);
  });

  it('a last interleaved group gets the highest store number even when its address is lowest', () => {
    const stores = computeStoreOrder([
      { name: 'low.ch0', inAddrMap: true, ranges: [{ start: 0n, end: GiB, interleaved: true }] },
      { name: 'low.ch1', inAddrMap: true, ranges: [{ start: 0n, end: GiB, interleaved: true }] },
      { name: 'high', inAddrMap: true, ranges: [{ start: 2n * GiB, end: 3n * GiB, interleaved: false }] },
    ]);
    assert.deepEqual(stores.map((s) => s.memories[0]), ['high', 'low.ch0']);
  });

  it('null memories get no store', () => {
    const stores = computeStoreOrder([{ name: 'n', inAddrMap: false, isNull: true, ranges: [] }]);
    assert.equal(stores.length, 0);
  });
});
