import { strict as assert } from 'node:assert';
import { separatesWithSemicolons } from '../../../server/src/config/cmdTokenizer';

// darchr's gem5 at 5ea99fcf splits a gem5Component cmd on ';' alone; other builds split on spaces and quotes.
describe('cmd arguments separated by semicolons', () => {
  it('sees ";" between options or before/after the script as the separator', () => {
    assert.equal(separatesWithSemicolons('-re;--outdir=m5out_0;node.py;'), true);
    assert.equal(separatesWithSemicolons('--outdir=o;--listener-mode=off;../../a/b.py;--command=stream 15000;--cpu-type=timing'), true);
    assert.equal(separatesWithSemicolons('../x/run.py;--n=1'), true);
  });
  it('leaves a ";" inside an argument value to the space split', () => {
    assert.equal(separatesWithSemicolons('--outdir=o node.py --command=ls;numastat'), false);
    assert.equal(separatesWithSemicolons('node.py --readfile-contents=m5 exit;'), false);
    assert.equal(separatesWithSemicolons('node.py --command=cd /w;./run.sh'), false);
    assert.equal(separatesWithSemicolons('--outdir=o node.py'), false);
  });
});
