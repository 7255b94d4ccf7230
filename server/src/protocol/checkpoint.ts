/**
 * What the checkpoint engine tells the rest of the product about one gem5 checkpoint directory.
 * This is also the JSON of `gem5-ckpt inspect --format json`, the data the tree view shows and what the explorer
 * webview receives, so it is plain JSON: 64-bit values are decimal strings, addresses are `0x…` hex strings.
 */
import type { Code, Severity } from './codes';

/** A problem found in a checkpoint (a GS4xx code, or GS409 for m5.cpt syntax). `line` is 1-based in m5.cpt. */
export interface CheckpointProblem {
  code: Code;
  severity: Severity;
  message: string;
  /** File the problem is about, relative to the checkpoint directory (e.g. "m5.cpt", "board.physmem.store0.pmem"). */
  file?: string;
  line?: number;
}

export type StoreRole = 'remote' | 'local';

export interface StoreSummary {
  id: number;
  /** The `filename=` value, relative to the checkpoint directory. */
  file: string;
  /** `range_size`, decimal string (may exceed 2^53). */
  rangeSize: string;
  present: boolean;
  /** Size of the .pmem file on disk, decimal string; null when missing/unreadable. */
  compressedBytes: string | null;
  /** From the take run's config.ini with gem5's store numbering (domain-spec §1.4); null when it cannot be known. */
  role: StoreRole | null;
  /** Physical start/end (end exclusive) as 0x hex strings; null when unknown. */
  start: string | null;
  end: string | null;
  /** SimObject path(s) of the memory backing the store, when known from config.ini. */
  memories: string[];
  /** 1-based line of the `[board.physmem.storeN]` header in m5.cpt. */
  line: number;
}

export interface ThreadContextSummary {
  /** e.g. "board.processor.cores0.core.xc.0" */
  section: string;
  /** `_pc` as decimal string, plus hex, when present. */
  pc: string | null;
  pcHex: string | null;
  status: string | null;
  line: number;
}

export interface CpuSummary {
  /** e.g. "board.processor.cores0.core", "board.processor.switch1.core" */
  section: string;
  /** "cores" | "start" | "switch" | other: the processor list the core belongs to. */
  group: string;
  /** Not switched out: it has thread-context sections. */
  active: boolean;
  instCnt: string | null;
  threads: ThreadContextSummary[];
  /** CPU class from config.ini (e.g. "ArmAtomicSimpleCPU"), null when unknown. */
  model: string | null;
  line: number;
}

export interface CacheSummary {
  section: string;
  badCheckpoint: boolean;
  line: number;
}

export interface DiskSummary {
  section: string;
  cowFilename: string;
  present: boolean;
  bytes: string | null;
  /** Sectors written, from the COW header ("COWDISK!" v1.0); null when missing or not a COW file. */
  sectors: string | null;
  line: number;
}

/** Era-A bridge sections (`<bridge>.remoteMemoryStore_<n>`) with their repeated `data=` lines summarised. */
export interface BridgeSectionSummary {
  section: string;
  numMemoryBlocks: string | null;
  dataLines: number;
  line: number;
}

/** A key repeated many times in one section: kept as a count, not as values. */
export interface RepeatedKeySummary {
  section: string;
  key: string;
  count: number;
  firstLine: number;
  lastLine: number;
}

export interface CheckpointSummary {
  /** Absolute path of the checkpoint directory. */
  path: string;
  /** Text after "## checkpoint generated: ", or null. */
  generated: string | null;
  curTick: string | null;
  versionTags: string[];
  /** 1-based line of `version_tags=` in m5.cpt, when present. */
  versionTagsLine?: number;
  nbrOfStores: number | null;
  stores: StoreSummary[];
  cpus: CpuSummary[];
  caches: CacheSummary[];
  disks: DiskSummary[];
  bridges: BridgeSectionSummary[];
  /** Odd but loadable things about m5.cpt (duplicate sections, keys past the reader's limits), for display. */
  oddities?: string[];
  repeatedKeys: RepeatedKeySummary[];
  /** Number of quiesceEndTick_* keys in the system section (one per thread context). */
  threadContexts: number;
  /** KVM used at take time: true/false when inferable (config.ini types, a kvm_vm section), null otherwise. */
  kvm: boolean | null;
  /** Absolute path of the take run's config.ini used for roles/addresses, or null. */
  configIni: string | null;
  /** Board platform class from config.ini, e.g. "VExpress_GEM5_V1", or null. */
  platform: string | null;
  sectionCount: number;
  problems: CheckpointProblem[];
}

/** One store's verification result (`gem5-ckpt verify`). */
export interface StoreVerification {
  id: number;
  file: string;
  ok: boolean;
  /** Inflated length, decimal string (may be short of range_size). */
  inflatedBytes: string;
  rangeSize: string;
  problems: CheckpointProblem[];
}
