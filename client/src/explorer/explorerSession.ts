/**
 * The host side of one explorer panel, independent of VS Code: it validates every message from the webview, answers
 * reads through the checkpoint engine (which only reads inside the checkpoint directory the panel was opened for),
 * and runs heavy work (verify, occupancy, compare) with cancellation. Tested with a fake webview.
 */
import { compareCheckpoints, openCheckpoint, verifyCheckpoint, type OpenedCheckpoint, type ReadTarget } from '../../../server/src/checkpoint';
import {
  parseViewToHost, type HexTarget, type HostToView, type SectionRow, type ViewAction,
} from '../../../server/src/protocol/webview';

export interface WebviewLike {
  postMessage(message: HostToView): Thenable<boolean> | Promise<boolean> | boolean;
}

export interface SessionEnvironment {
  /** Opens m5.cpt of this checkpoint at a 1-based line. */
  openLine(file: string, line: number): void;
  /** Asks the user for a second checkpoint to compare with; undefined when cancelled. */
  pickOther(): Promise<string | undefined>;
  /** Runs a palette command with this checkpoint. */
  runAction(action: ViewAction, dir: string): void;
  /** Version tags of a gem5 source tree in the workspace (util/cpt_upgraders), when there is one. */
  gem5TreeTags?(): Promise<{ root: string; tags: string[] } | null>;
  log(message: string): void;
}

const MAX_SECTION_KEYS = 200;

function toTarget(t: HexTarget): ReadTarget {
  return 'addr' in t ? { addr: BigInt(t.addr) } : { store: t.store, offset: BigInt(t.offset) };
}

export class ExplorerSession {
  private checkpoint: OpenedCheckpoint | null = null;
  private work: AbortController | null = null;
  private readonly occupancyCache = new Map<number, HostToView>();

  constructor(readonly dir: string, private readonly view: WebviewLike, private readonly env: SessionEnvironment) {}

  private post(m: HostToView): void {
    void Promise.resolve(this.view.postMessage(m)).catch((e) => this.env.log(`post failed: ${String(e)}`));
  }

  async load(): Promise<void> {
    this.checkpoint = await openCheckpoint(this.dir, { seekIndex: 'build-after-far-read' });
    const sections: SectionRow[] = this.checkpoint.sections().map((s) => ({ ...s, keys: s.keys.slice(0, MAX_SECTION_KEYS) }));
    const tree = await this.env.gem5TreeTags?.().catch(() => null);
    const have = new Set(this.checkpoint.summary.versionTags);
    const tagsDiff = tree ? { tree: tree.root, missing: tree.tags.filter((t) => !have.has(t)), unknown: [...have].filter((t) => !tree.tags.includes(t)) } : null;
    this.post({ v: 1, type: 'summary', summary: this.checkpoint.summary, sections, tagsDiff });
  }

  /** Handles one raw message from the webview. Invalid messages are logged and dropped. */
  async handle(raw: unknown): Promise<void> {
    const m = parseViewToHost(raw);
    if (!m) {
      this.env.log(`explorer: dropped an invalid message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      switch (m.type) {
        case 'ready':
          return await this.load();
        case 'read': {
          const cpt = await this.opened();
          const target = toTarget(m.target);
          const resolved = cpt.resolveTarget(target);
          const bytes = await cpt.readBytes(target, m.length);
          const start = resolved.store.start ? BigInt(resolved.store.start) + resolved.offset : null;
          return this.post({ v: 1, type: 'bytes', requestId: m.requestId, store: resolved.store.id, offset: '0x' + resolved.offset.toString(16), addr: start === null ? null : '0x' + start.toString(16), hex: bytes.toString('hex') });
        }
        case 'nextNonZero': {
          const found = await (await this.opened()).nextNonZero(toTarget(m.target));
          return this.post({ v: 1, type: 'nextNonZero', requestId: m.requestId, store: found?.store.id ?? null, offset: found ? '0x' + found.offset.toString(16) : null });
        }
        case 'verify':
          return await this.verify();
        case 'cancel':
          this.work?.abort();
          return;
        case 'occupancy': {
          const cached = this.occupancyCache.get(m.store);
          if (cached) return this.post(cached);
          const o = await (await this.opened()).occupancy(m.store, this.startWork().signal);
          const msg: HostToView = { v: 1, type: 'occupancy', store: m.store, nonZeroPages: o.nonZeroPages.toString(), totalPages: o.totalPages.toString() };
          this.occupancyCache.set(m.store, msg);
          return this.post(msg);
        }
        case 'openLine':
          return this.env.openLine(`${this.dir}/m5.cpt`, m.line);
        case 'compare': {
          const other = await this.env.pickOther();
          if (!other) return;
          const [a, b] = [await this.opened(), await openCheckpoint(other)];
          return this.post({ v: 1, type: 'compare', result: compareCheckpoints(a, b, { a: a.cpt, b: b.cpt }) });
        }
        case 'action':
          return this.env.runAction(m.action, this.dir);
      }
    } catch (e) {
      if (this.work?.signal.aborted) return;
      const requestId = 'requestId' in m ? m.requestId : undefined;
      this.post({ v: 1, type: 'error', requestId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async opened(): Promise<OpenedCheckpoint> {
    if (!this.checkpoint) this.checkpoint = await openCheckpoint(this.dir, { seekIndex: 'build-after-far-read' });
    return this.checkpoint;
  }

  private startWork(): AbortController {
    this.work?.abort();
    this.work = new AbortController();
    return this.work;
  }

  private async verify(): Promise<void> {
    const ac = this.startWork();
    let last = -1;
    const results = await verifyCheckpoint(this.dir, {
      signal: ac.signal,
      onProgress: (done, total, store) => {
        const percent = total ? Number((done * 100n) / total) : 100;
        if (percent === last) return;
        last = percent;
        this.post({ v: 1, type: 'verifyProgress', store, done: done.toString(), total: total.toString() });
      },
    });
    this.post({ v: 1, type: 'verifyResult', results });
  }

  dispose(): void {
    this.work?.abort();
    void this.checkpoint?.close(); // stops a seek-index build still running in its worker
  }
}
