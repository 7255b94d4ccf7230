/**
 * Workspace diagnostics benchmark (issue 17): what VS Code's 2-second workspace/diagnostic poll costs on a generated
 * 500-script workspace (every SST script with a planted GS204) through the real server over stdio — an unchanged
 * answer (result ids only) and an answer after one file changed on disk — against the engine's own re-check of the
 * same change in this process (so the ratio is what LSP, hashing and serialisation add).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as EngineModule from '../../server/src/workspace/engine';
import { gem5Script, sstScript } from '../support/generateScripts';
import { startLsp } from '../support/lspClient';
import { loadBundled } from './bundle';
import { report, timeRuns } from './stats';

interface Report { uri: string; resultId: string; kind: string; items?: unknown[] }

async function main() {
  const { createWorkspaceEngine } = loadBundled<typeof EngineModule>('server/src/workspace/engine.ts');
  const root = await mkdtemp(join(tmpdir(), 'bench-wsdiag-'));
  const sstText = (i: number) => {
    const t = sstScript(1 + (i % 4));
    return t.includes('GiB"') ? t.replace('GiB"', 'GB"') : t;
  };
  try {
    for (let i = 0; i < 250; i++) {
      const dir = join(root, `exp${i}`);
      await mkdir(join(dir, 'configs'), { recursive: true });
      await mkdir(join(dir, 'sst'), { recursive: true });
      await writeFile(join(dir, 'configs', 'gen.py'), gem5Script(100 + ((i * 37) % 500), i));
      await writeFile(join(dir, 'sst', 'restore.py'), sstText(i));
    }
    const changed = join(root, 'exp7', 'sst', 'restore.py');
    let n = 0;

    const engine = createWorkspaceEngine([root]);
    await engine.findingsAll();
    const inProcess = await timeRuns(async () => {
      await writeFile(changed, sstText(++n));
      engine.fileChanged(changed);
      await engine.findingsAll();
    }, 10, 2);

    const s = await startLsp(root);
    try {
      let previous: { uri: string; value: string }[] = [];
      const pull = async () => {
        const r = (await s.connection.sendRequest('workspace/diagnostic', { previousResultIds: previous })) as { items: Report[] };
        const ids = new Map(previous.map((p) => [p.uri, p.value]));
        for (const item of r.items) ids.set(item.uri, item.resultId);
        previous = [...ids].map(([uri, value]) => ({ uri, value }));
        return r.items;
      };
      const cold = await timeRuns(pull, 1, 0);
      const files = previous.length;
      const findings = (await s.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }) as { items: Report[] }).items
        .reduce((k, r) => k + (r.items?.length ?? 0), 0);
      const unchanged = await timeRuns(pull, 20, 2);
      const afterChange = await timeRuns(async () => {
        await writeFile(changed, sstText(++n));
        await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(changed), type: 2 }] });
        await pull();
      }, 10, 2);
      console.log(`  ${files} files with diagnostics, ${findings} findings`);
      report('workspace/diagnostic, first answer (cold pass)', cold);
      report('engine re-check after one file changed (in process)', inProcess);
      report('workspace/diagnostic, nothing changed (result ids)', unchanged, { target: 'median < 50 ms (polled every 2 s)' });
      report('workspace/diagnostic after one file changed on disk', afterChange, { target: 'median < 200 ms', baseline: { name: 'in-process re-check', ms: inProcess } });
    } finally {
      await s.dispose();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
