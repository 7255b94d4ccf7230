/** Zoom and pan of the plan's graph: the point under the pointer stays put, fit centres, keys map to actions. */
import assert from 'node:assert/strict';
import { fitView, keyAction, MAX_ZOOM, MIN_ZOOM, panBy, zoomAt } from '../../../webview/src/views/restorePlanZoom';

describe('restore plan: zoom and pan', () => {
  it('zooming at a screen point keeps the graph point under it in place, within the zoom limits', () => {
    const v = { k: 1, x: 10, y: 20 };
    const z = zoomAt(v, 2, 110, 70);
    // Graph point under (110, 70) before: ((110-10)/1, (70-20)/1) = (100, 50); after it maps to the same screen point.
    assert.deepEqual([z.x + 100 * z.k, z.y + 50 * z.k], [110, 70]);
    assert.equal(zoomAt({ k: 7, x: 0, y: 0 }, 4, 0, 0).k, MAX_ZOOM);
    assert.equal(zoomAt({ k: 0.06, x: 0, y: 0 }, 0.1, 0, 0).k, MIN_ZOOM);
  });

  it('fit centres the content, shrinks a large graph and never enlarges a small one', () => {
    assert.deepEqual(fitView(200, 100, 800, 400), { k: 1, x: 300, y: 150 });
    const big = fitView(4000, 1000, 800, 400);
    assert.ok(Math.abs(big.k - 784 / 4000) < 1e-9);
    assert.ok(Math.abs(big.x + (4000 * big.k - 800) / 2) < 1e-9);
    assert.deepEqual(fitView(0, 0, 800, 400), { k: 1, x: 0, y: 0 });
  });

  it('arrow keys pan, + and - zoom, 0 fits, other keys do nothing', () => {
    assert.deepEqual(keyAction('ArrowLeft'), { pan: [40, 0] });
    assert.deepEqual(keyAction('ArrowDown'), { pan: [0, -40] });
    assert.deepEqual(keyAction('+'), { zoom: 1.25 });
    assert.deepEqual(keyAction('-'), { zoom: 0.8 });
    assert.equal(keyAction('0'), 'fit');
    assert.equal(keyAction('a'), null);
    assert.deepEqual(panBy({ k: 2, x: 1, y: 1 }, 40, 0), { k: 2, x: 41, y: 1 });
  });
});
