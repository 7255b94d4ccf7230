/**
 * Checkpoint summaries for the passes, each kept while its m5.cpt and config.ini are unchanged, and the results of
 * inflating the stores (GS405), computed in the background and kept while the stores are unchanged.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inspectCheckpoint, verifyCheckpoint } from '../checkpoint';
import type { CheckpointSummary } from '../protocol/checkpoint';

type Problems = CheckpointSummary['problems'];

export class CheckpointCache {
  private readonly summaries = new Map<string, { key: string; summary: CheckpointSummary }>();
  private readonly verified = new Map<string, { key: string; problems: Problems }>();
  private readonly verifying = new Set<string>();

  /** `onVerified` runs when a background verification finished (its findings are new). */
  constructor(private readonly onVerified: () => void, private readonly log?: (message: string) => void) {}

  /** A file on disk changed: drop the summary of the checkpoint it belongs to. */
  fileChanged(p: string): void {
    if (basename(p) === 'm5.cpt' || p.endsWith('.pmem') || basename(p) === 'config.ini') {
      for (const dir of [dirname(p), join(dirname(p), 'checkpoint')]) this.summaries.delete(dir);
    }
  }

  /** True while store verification runs in the background. */
  isVerifying(): boolean {
    return this.verifying.size > 0;
  }

  /** The summary of a checkpoint directory (null when it has no readable m5.cpt), with verified stores if asked. */
  async summary(dir: string, verifyStores: boolean): Promise<CheckpointSummary | null> {
    let key: string;
    try {
      const st = statSync(join(dir, 'm5.cpt'));
      const ini = join(dirname(dir), 'config.ini');
      const iniKey = existsSync(ini) ? statSync(ini).mtimeMs : 0;
      key = `${st.size}:${st.mtimeMs}:${iniKey}`;
    } catch {
      return null;
    }
    let entry = this.summaries.get(dir);
    if (entry?.key !== key) {
      entry = { key, summary: await inspectCheckpoint(dir) };
      this.summaries.set(dir, entry);
    }
    if (!verifyStores) return entry.summary;
    const verified = this.verifiedProblems(dir, entry.summary);
    // A store the cheap checks already flagged (GS405 from inspect) is reported once.
    const flagged = new Set(entry.summary.problems.filter((p) => p.code === 'GS405').map((p) => p.file));
    const extra = verified?.filter((p) => !flagged.has(p.file));
    return extra?.length ? { ...entry.summary, problems: [...entry.summary.problems, ...extra] } : entry.summary;
  }

  /** GS405 from inflating the stores: cached by store paths + sizes + mtimes; computed in the background. */
  private verifiedProblems(dir: string, summary: CheckpointSummary): Problems | null {
    const key = summary.stores.map((s) => {
      try {
        const st = statSync(join(dir, s.file));
        return `${s.file}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${s.file}:missing`;
      }
    }).join('|');
    const cached = this.verified.get(dir);
    if (cached?.key === key) return cached.problems;
    if (!this.verifying.has(dir)) {
      this.verifying.add(dir);
      verifyCheckpoint(dir).then((results) => {
        // Missing files are GS404 already; keep only what inflating found.
        this.verified.set(dir, { key, problems: results.flatMap((r) => r.problems.filter((p) => p.code === 'GS405')) });
        this.onVerified();
      }, (e) => this.log?.(`verifying ${dir} failed: ${String(e)}`)).finally(() => this.verifying.delete(dir));
    }
    return cached?.problems ?? null;
  }
}
