/**
 * An opened checkpoint: its summary plus the reads the explorer and `gem5-ckpt read` need — sections with their lines,
 * bytes at a physical address or a store offset, and the next non-zero page. Reads stream; nothing holds an image.
 */
import type { CheckpointSummary, StoreSummary } from '../protocol/checkpoint';
import type { IniDocument } from './iniReader';
import { parseCheckpoint } from './inspect';
import { checkBounds, firstNonZero, inflateStore, nextNonZeroPageStraight, PAGE_BYTES, readStoreStraight, StoreReadError } from './pmemStream';
import { resolveRealInside } from './safePath';
import type { WorkerBuild } from './seekIndexBuildWorker';
import type { SeekIndex } from './seekIndex';
import { cachedSeekIndex, forgetSeekIndex } from './seekIndexCache';
import { readWithIndex, StaleIndexError } from './seekIndexRead';

export type ReadTarget = { addr: bigint } | { store: number; offset: bigint };

export interface SectionKey {
  key: string;
  /** Last value, cut to VALUE_PREVIEW_CHARS. */
  value: string;
  line: number;
  /** Times assigned; > 1 for repeated keys (only the last value is kept). */
  count: number;
}

export interface SectionListing {
  name: string;
  line: number;
  keys: SectionKey[];
}

export interface ResolvedTarget {
  store: StoreSummary;
  offset: bigint;
}

const VALUE_PREVIEW_CHARS = 512;

export class OpenedCheckpoint {
  /** Indexes loaded or built, by store path (null: none cached). Never a running build: reads do not wait for one. */
  private readonly indexes = new Map<string, Promise<SeekIndex | null>>();
  /** Worker builds started by this checkpoint, by store path, with how each ended (null while running or on success). */
  private readonly builds = new Map<string, { build: WorkerBuild; ended: Promise<string | null> }>();

  constructor(
    readonly summary: CheckpointSummary,
    /** The parsed m5.cpt (null when unreadable). */
    readonly cpt: IniDocument | null,
    private readonly options: OpenOptions = {},
  ) {}

  /** Every section, in file order, with keys summarised (repeated keys appear once with their count). */
  sections(): SectionListing[] {
    if (!this.cpt) return [];
    return [...this.cpt.sections.values()].map((s) => ({
      name: s.name,
      line: s.line,
      keys: [...s.entries].map(([key, e]) => ({
        key,
        value: e.value.length > VALUE_PREVIEW_CHARS || e.truncated ? e.value.slice(0, VALUE_PREVIEW_CHARS) + '…' : e.value,
        line: e.line,
        count: e.count,
      })),
    }));
  }

  /** Which store and offset a target designates; throws StoreReadError with a clear reason when none does. */
  resolveTarget(target: ReadTarget): ResolvedTarget {
    if ('store' in target) {
      const store = this.summary.stores.find((s) => s.id === target.store);
      if (!store) throw new StoreReadError(`no store ${target.store} in this checkpoint (it has ${this.summary.stores.length})`, 'format');
      return { store, offset: target.offset };
    }
    for (const store of this.summary.stores) {
      if (store.start === null || store.end === null) continue;
      if (target.addr >= BigInt(store.start) && target.addr < BigInt(store.end)) {
        return { store, offset: target.addr - BigInt(store.start) };
      }
    }
    const known = this.summary.stores.some((s) => s.start !== null);
    throw new StoreReadError(
      known
        ? `address 0x${target.addr.toString(16)} is not inside any store (${this.storeRanges()})`
        : `store addresses are unknown: the take run's config.ini was not found next to the checkpoint; read by --store and --offset instead`,
      'format',
    );
  }

  async readBytes(target: ReadTarget, length: number, signal?: AbortSignal): Promise<Buffer> {
    const { store, offset } = this.resolveTarget(target);
    const path = await this.storePath(store);
    const size = BigInt(store.rangeSize);
    checkBounds(size, offset, length);
    const index = await this.seekIndex(path);
    if (index) {
      try {
        const bytes = await readWithIndex(index, Number(offset), length);
        // A stream shorter than range_size reads as zeros past its end, as gem5's own reader leaves memory.
        return bytes.length === length ? bytes : Buffer.concat([bytes, Buffer.alloc(length - bytes.length)]);
      } catch (e) {
        if (!(e instanceof StaleIndexError)) throw e;
        // The store changed under the index: never use it again; answer with a straight read (and rebuild later).
        this.indexes.delete(path);
        await forgetSeekIndex(path, { cacheDir: this.options.cacheDir });
        if (this.options.seekIndex !== 'cached') {
          this.builds.delete(path); // the finished build indexed the old content
          this.startIndexBuild(path);
        }
      }
    }
    const bytes = await readStoreStraight(path, size, offset, length, signal);
    // The build starts once this read is answered: on a busy machine two inflates at once would delay the bytes.
    if (this.options.seekIndex === 'build' || (this.options.seekIndex === 'build-after-far-read' && offset >= FAR_READ)) this.startIndexBuild(path);
    return bytes;
  }

  /**
   * The seek index for a store file if one is ready: cached on disk or built by a finished worker. Else null: a
   * straight read, after which readBytes starts a worker build when asked to (the read never waits for it).
   */
  private async seekIndex(path: string): Promise<SeekIndex | null> {
    if (this.builds.has(path) && !this.indexes.has(path)) return null; // still building
    let p = this.indexes.get(path);
    if (!p) {
      p = cachedSeekIndex(path, { cacheDir: this.options.cacheDir }).catch(() => null);
      this.indexes.set(path, p);
    }
    return p;
  }

  /** Builds the index in a worker thread; reads go straight until it is ready, then use it. */
  private startIndexBuild(path: string): void {
    if (this.builds.has(path)) return;
    this.indexes.delete(path);
    // Loaded here, not at the top: a read with the index cached (or none wanted) never pays for worker_threads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSeekIndexInWorker } = require('./seekIndexBuildWorker') as typeof import('./seekIndexBuildWorker');
    const build = buildSeekIndexInWorker(path, { cacheDir: this.options.cacheDir });
    const ended = build.done.then(
      (index) => {
        this.indexes.set(path, Promise.resolve(index));
        return null;
      },
      (e: Error) => {
        this.indexes.set(path, Promise.resolve(null)); // no retry loop on a store that does not index
        return e.message;
      },
    );
    this.builds.set(path, { build, ended });
  }

  /**
   * Waits for every index build this checkpoint started (the CLI, after printing the read, so it does not exit
   * before the index is written). Returns the builds that failed, with why.
   */
  async indexBuildsSettled(): Promise<{ file: string; error: string }[]> {
    const ended = await Promise.all([...this.builds].map(async ([file, b]) => ({ file, error: await b.ended })));
    return ended.filter((e): e is { file: string; error: string } => e.error !== null);
  }

  /** Stops the index builds still running (the explorer closing, the host shutting down). */
  async close(): Promise<void> {
    await Promise.all([...this.builds.values()].map((b) => b.build.stop()));
  }

  /** Target of the first non-zero 4 KiB page at or after `target` in the same store, or null when the rest is zero. */
  async nextNonZero(target: ReadTarget, signal?: AbortSignal): Promise<ResolvedTarget | null> {
    const { store, offset } = this.resolveTarget(target);
    const path = await this.storePath(store);
    const found = await nextNonZeroPageStraight(path, BigInt(store.rangeSize), offset, signal);
    return found === null ? null : { store, offset: found };
  }

  /** Non-zero 4 KiB pages of a store (one streaming pass), with the total page count. */
  async occupancy(storeId: number, signal?: AbortSignal): Promise<{ nonZeroPages: bigint; totalPages: bigint }> {
    const { store } = this.resolveTarget({ store: storeId, offset: 0n });
    const path = await this.storePath(store);
    const size = BigInt(store.rangeSize);
    const pages = (size + BigInt(PAGE_BYTES) - 1n) / BigInt(PAGE_BYTES);
    let nonZero = 0n;
    let lastCounted = -1n;
    await inflateStore(path, size, (chunk, at) => {
      // Chunks are page-aligned in practice (1 MiB); count a page once even if it straddles chunks.
      for (let i = firstNonZero(chunk, 0); i >= 0; ) {
        const page = (at + BigInt(i)) / BigInt(PAGE_BYTES);
        if (page !== lastCounted) {
          nonZero++;
          lastCounted = page;
        }
        const next = Number((page + 1n) * BigInt(PAGE_BYTES) - at);
        if (next >= chunk.length) break;
        i = firstNonZero(chunk, next);
      }
      return true;
    }, signal);
    return { nonZeroPages: nonZero, totalPages: pages };
  }

  private async storePath(store: StoreSummary): Promise<string> {
    if (!/^\d+$/.test(store.rangeSize)) throw new StoreReadError(`store ${store.id} has no valid range_size`, 'format');
    const path = await resolveRealInside(this.summary.path, store.file);
    if (!path) throw new StoreReadError(`filename=${store.file} is outside the checkpoint directory; refusing to read it`, 'io');
    if (!store.present) throw new StoreReadError(`${store.file} is missing`, 'io');
    return path;
  }

  private storeRanges(): string {
    return this.summary.stores
      .map((s) => `store${s.id} ${s.start ?? '?'}–${s.end ?? '?'}`)
      .join(', ');
  }
}

export interface OpenOptions {
  /** 'cached' (default): use an index already on disk; 'build': without one, read straight and build one in a
   *  worker meanwhile (indexBuildsSettled waits for it); 'build-after-far-read': the same, but only once a read lands
   *  far into a store (the explorer). */
  seekIndex?: 'cached' | 'build' | 'build-after-far-read';
  cacheDir?: string;
  signal?: AbortSignal;
}

/** Reads beyond this offset cost enough (about 2 ms per MiB inflated) that an index pays off. */
const FAR_READ = 32n * 1024n * 1024n;

export async function openCheckpoint(dir: string, opts: OpenOptions = {}): Promise<OpenedCheckpoint> {
  const parsed = await parseCheckpoint(dir, { signal: opts.signal });
  return new OpenedCheckpoint(parsed.summary, parsed.cpt, opts);
}

