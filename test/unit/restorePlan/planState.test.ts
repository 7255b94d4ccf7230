/** Restoring a Restore plan panel after a window reload: its saved state is checked, and gone files give a message. */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoredPlan, type PlanFiles } from '../../../client/src/restorePlan/planState';

const files = (present: string[]): PlanFiles => ({ isFile: (p) => present.includes(p), isCheckpoint: (d) => present.includes(join(d, 'm5.cpt')) });
const here = files(['/w/sst/restore.py', '/w/m5out/take_0/checkpoint/m5.cpt']);

describe('restore plan: the panel state a window reload restores', () => {
  it('reopens the script with the checkpoint it was opened with', () => {
    assert.deepEqual(restoredPlan({ script: '/w/sst/restore.py', checkpoint: '/w/m5out/take_0/checkpoint', collapse: {} }, here),
      { ok: true, script: '/w/sst/restore.py', checkpoint: '/w/m5out/take_0/checkpoint', notice: null });
    assert.deepEqual(restoredPlan({ script: '/w/sst/restore.py' }, here), { ok: true, script: '/w/sst/restore.py', checkpoint: null, notice: null });
  });

  it('a checkpoint that is gone: the plan of the script alone, with a notice naming the checkpoint', () => {
    const r = restoredPlan({ script: '/w/sst/restore.py', checkpoint: '/w/m5out/take_9/checkpoint' }, here);
    assert.ok(r.ok);
    assert.equal(r.checkpoint, null);
    assert.match(r.notice ?? '', /^The checkpoint \/w\/m5out\/take_9\/checkpoint this plan was opened with no longer exists \(no m5\.cpt\)/);
  });

  it('a script that is gone: a message naming it, no plan', () => {
    const r = restoredPlan({ script: '/w/sst/old.py', checkpoint: '/w/m5out/take_0/checkpoint' }, here);
    assert.ok(!r.ok);
    assert.equal(r.script, '/w/sst/old.py');
    assert.match(r.message, /^The SST script \/w\/sst\/old\.py no longer exists/);
  });

  it('malformed state never throws: no script gives a message, a malformed checkpoint is dropped with a notice', () => {
    for (const bad of [undefined, null, 7, 'x', [], {}, { script: 3 }, { script: 'relative.py' }, { script: '' }, { script: '/w/a\0b.py' }, { script: '/'.repeat(5000) }]) {
      const r = restoredPlan(bad, here);
      assert.ok(!r.ok, JSON.stringify(bad));
      assert.match(r.message, /does not name an SST script/);
    }
    const r = restoredPlan({ script: '/w/sst/restore.py', checkpoint: { evil: true } }, here);
    assert.ok(r.ok);
    assert.equal(r.checkpoint, null);
    assert.match(r.notice ?? '', /could not be read/);
    const rel = restoredPlan({ script: '/w/sst/restore.py', checkpoint: 'm5out/take_0/checkpoint' }, here);
    assert.ok(rel.ok && rel.checkpoint === null && rel.notice !== null);
  });

  it('checks real files on disk by default (a directory is not a script; a checkpoint needs m5.cpt)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'plan-state-'));
    try {
      const script = join(base, 'restore.py');
      const ckpt = join(base, 'checkpoint');
      await writeFile(script, 'import sst\n');
      await mkdir(ckpt);
      const empty = restoredPlan({ script, checkpoint: ckpt });
      assert.ok(empty.ok && /no longer exists/.test(empty.notice ?? ''), JSON.stringify(empty));
      await writeFile(join(ckpt, 'm5.cpt'), '[root]\n');
      assert.deepEqual(restoredPlan({ script, checkpoint: ckpt }), { ok: true, script, checkpoint: ckpt, notice: null });
      assert.equal(restoredPlan({ script: base }).ok, false);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
