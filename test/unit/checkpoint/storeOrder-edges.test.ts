/** gem5's store numbering at its edges (PhysicalMemory constructor; domain-spec §1.4). */
import { strict as assert } from 'node:assert';
import { computeStoreOrder, type StoreMemory } from '../../../server/src/checkpoint/storeOrder';

const GiB = 1n << 30n;
const plain = (name: string, start: bigint, end: bigint, inAddrMap = true): StoreMemory => ({ name, inAddrMap, ranges: [{ start, end, interleaved: false }] });
const channel = (name: string, start: bigint, end: bigint): StoreMemory => ({ name, inAddrMap: true, ranges: [{ start, end, interleaved: true }] });
const order = (m: StoreMemory[]) => computeStoreOrder(m).map((s) => `${s.index}:${s.memories.join('+')}@${s.start ?? '?'}-${s.end ?? '?'}`);

describe('gem5 store numbering: edges', () => {
  it('memories outside the address map come first, in the order the system lists them, whatever their addresses', () => {
    assert.deepEqual(order([plain('local', 2n * GiB, 3n * GiB), plain('bridgeB', 8n * GiB, 9n * GiB, false), plain('bridgeA', 4n * GiB, 5n * GiB, false)]),
      [`0:bridgeB@${8n * GiB}-${9n * GiB}`, `1:bridgeA@${4n * GiB}-${5n * GiB}`, `2:local@${2n * GiB}-${3n * GiB}`]);
  });

  it('a memory outside the map spans its first range start to its last range end; with no range both are unknown', () => {
    const m: StoreMemory = { name: 'b', inAddrMap: false, ranges: [{ start: 4n, end: 8n, interleaved: false }, { start: 16n, end: 32n, interleaved: false }] };
    assert.deepEqual(order([m, { name: 'empty', inAddrMap: false, ranges: [] }]), ['0:b@4-32', '1:empty@?-?']);
  });

  it('the address map is walked in increasing address order, not the listed order; a null memory in the map gets no store', () => {
    assert.deepEqual(order([plain('high', 6n, 8n), plain('low', 0n, 2n), plain('mid', 2n, 4n), { ...plain('gone', 4n, 6n), isNull: true }]),
      ['0:low@0-2', '1:mid@2-4', '2:high@6-8']);
  });

  it('a memory with two ranges in the map gets one store per range', () => {
    const m: StoreMemory = { name: 'split', inAddrMap: true, ranges: [{ start: 0n, end: 2n, interleaved: false }, { start: 4n, end: 6n, interleaved: false }] };
    assert.deepEqual(order([m]), ['0:split@0-2', '1:split@4-6']);
  });

  it('an interleaved group is closed by the next group with another range; the last group closes after the loop', () => {
    assert.deepEqual(order([channel('a0', 0n, 2n), channel('a1', 0n, 2n), channel('b0', 2n, 4n), channel('b1', 2n, 4n)]),
      ['0:a0+a1@0-2', '1:b0+b1@2-4']);
  });

  it('a plain range between interleaved channels gets its store first: the pending group waits', () => {
    assert.deepEqual(order([channel('c0', 0n, 4n), plain('p', 2n, 3n), channel('c1', 0n, 4n)]), ['0:p@2-3', '1:c0+c1@0-4']);
  });

  it('channels that share the start but not the end do not merge', () => {
    assert.deepEqual(order([channel('x', 0n, 2n), channel('y', 0n, 4n)]), ['0:x@0-2', '1:y@0-4']);
  });

  it('a memory named twice in one group is listed once', () => {
    const twice: StoreMemory = { name: 'm', inAddrMap: true, ranges: [{ start: 0n, end: 2n, interleaved: true }, { start: 0n, end: 2n, interleaved: true }] };
    assert.deepEqual(order([twice]), ['0:m@0-2']);
  });

  it('many ranges listed in reverse come out in address order; many equal channels keep their listed order', () => {
    const reversed = [5n, 4n, 3n, 2n, 1n, 0n].map((i) => plain(`m${i}`, i * 2n, i * 2n + 1n));
    assert.deepEqual(computeStoreOrder(reversed).map((s) => s.memories[0]), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    const channels = Array.from({ length: 12 }, (_, i) => channel(`c${i}`, 0n, 4n));
    assert.deepEqual(computeStoreOrder(channels).map((s) => s.memories.join(',')), [Array.from({ length: 12 }, (_, i) => `c${i}`).join(',')]);
  });

  it('channels that share the end but not the start do not merge', () => {
    assert.deepEqual(order([channel('x', 0n, 4n), channel('y', 2n, 4n)]), ['0:x@0-4', '1:y@2-4']);
  });

  it('no memories, no stores', () => {
    assert.deepEqual(computeStoreOrder([]), []);
  });
});
