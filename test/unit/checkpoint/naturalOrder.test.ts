import assert from 'node:assert/strict';
import { naturalCompare } from '../../../server/src/checkpoint/naturalOrder';

describe('natural order of SimObject paths', () => {
  it('orders numbered CPUs and caches by value, like localeCompare with numeric collation on these names', () => {
    const names = ['board.cores10.core', 'board.cores2.core', 'board.cores1.core', 'board.cores0.core', 'board.cores02.dcache', 'board.l2', 'board.cores1.core.isa'];
    const ours = [...names].sort(naturalCompare);
    assert.deepEqual(ours, ['board.cores0.core', 'board.cores1.core', 'board.cores1.core.isa', 'board.cores2.core', 'board.cores02.dcache', 'board.cores10.core', 'board.l2']);
    assert.deepEqual(ours, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('is a consistent total order: antisymmetric, and equal only for equal strings', () => {
    const xs = ['a1', 'a01', 'a10', 'a', 'b', 'a1b', 'a1.c', ''];
    for (const x of xs) for (const y of xs) {
      assert.equal(Math.sign(naturalCompare(x, y)), -Math.sign(naturalCompare(y, x)) || 0, `${x} vs ${y}`);
      assert.equal(naturalCompare(x, y) === 0, x === y, `${x} vs ${y}`);
    }
  });
});
