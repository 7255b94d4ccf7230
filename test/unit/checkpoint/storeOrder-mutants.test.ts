/** gem5's store numbering where the address map is sorted (PhysicalMemory walks its AddrRangeMap in start order; domain-spec §1.4). */
import { strict as assert } from 'node:assert';
import { computeStoreOrder, type StoreMemory } from '../../../server/src/checkpoint/storeOrder';

const plain = (name: string, start: bigint, end: bigint): StoreMemory => ({ name, inAddrMap: true, ranges: [{ start, end, interleaved: false }] });
const names = (m: StoreMemory[]) => computeStoreOrder(m).map((s) => s.memories.join('+'));

describe('gem5 store numbering: address-map order', () => {
  it('numbers memories by increasing start, whatever order the system lists them in', () => {
    const GiB = 1n << 30n;
    assert.deepEqual(names([plain('c', 8n * GiB, 9n * GiB), plain('a', 0n, GiB), plain('b', 2n * GiB, 3n * GiB)]), ['a', 'b', 'c']);
  });

  it('orders starts above 2^53 that differ by one byte (a float comparison would call them equal)', () => {
    const base = 1n << 60n;
    assert.deepEqual(names([plain('high', base + 1n, base + 2n), plain('low', base, base + 1n)]), ['low', 'high']);
    assert.deepEqual(names([plain('low', base, base + 1n), plain('high', base + 1n, base + 2n)]), ['low', 'high']);
  });
});
