/**
 * Streaming reader for gem5's INI dialect (m5.cpt and config.ini are both read by gem5's IniFile, src/base/inifile.cc;
 * domain-spec §1.2). It follows IniFile's rules exactly:
 *  - leading whitespace skipped, trailing whitespace trimmed, empty lines ignored;
 *  - a line is a section header iff it starts with `[` and ends with `]`;
 *  - lines before the first section are preamble (free-form, e.g. "## checkpoint generated: …");
 *  - inside a section a non-empty line without `=` makes gem5 refuse the file (reported, parsing goes on);
 *  - `key+=value` appends with a space, a repeated `key=` overrides (last wins).
 *
 * Memory stays bounded for huge files (old bridge checkpoints repeat `data=` millions of times): a key keeps only its
 * last value plus a count and first/last line, and a very long value is truncated. A hostile file with millions of
 * distinct keys or sections keeps the first MAX_KEYS_PER_SECTION keys of a section and MAX_SECTIONS sections (plus,
 * always, the keys and sections the product reads) and counts the rest.
 *
 * A section that appears twice is merged into the first, as IniFile::load does (findSection, then add: a later
 * `key=` overrides); each repeat is recorded so it can be reported.
 */
import { open } from './fsLite';

const CHUNK_BYTES = 1024 * 1024;

export interface IniEntry {
  value: string;
  /** 1-based line of the last assignment. */
  line: number;
  /** How many times the key was assigned (or appended to) in this section. */
  count: number;
  firstLine: number;
  /** The stored value was cut at MAX_VALUE_CHARS. */
  truncated: boolean;
}

export interface IniSection {
  name: string;
  /** 1-based line of the (first) header. */
  line: number;
  entries: Map<string, IniEntry>;
}

/** A line gem5's reader refuses: non-empty, inside a section, without `=`. */
export interface IniBadLine {
  line: number;
  section: string;
  text: string;
}

export interface IniDocument {
  preamble: string[];
  sections: Map<string, IniSection>;
  badLines: IniBadLine[];
  /** Total bad lines (only the first MAX_BAD_LINES are kept in `badLines`). */
  badLineCount: number;
  lineCount: number;
  /** Set when the input is not text (NUL bytes) or has an absurdly long line: nothing after it is trusted. */
  notText: string | null;
  /** Headers of sections seen before (merged into the first, as gem5 does); the first MAX_DUPLICATES are kept. */
  duplicateSections: { name: string; line: number; firstLine: number }[];
  duplicateSectionCount: number;
  /** Distinct keys and sections past the limits: counted, not stored. */
  droppedKeys: number;
  droppedSections: number;
}

export const MAX_VALUE_CHARS = 64 * 1024;
const MAX_BAD_LINES = 50;
const MAX_PREAMBLE_LINES = 20;
/** Longer than any line gem5 writes (register arrays are a few KB); beyond this the file is not an m5.cpt. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

export const MAX_KEYS_PER_SECTION = 4096;
export const MAX_SECTIONS = 100_000;
const MAX_DUPLICATES = 50;
/** Keys the product reads: kept whatever the limits (a section has few of them, so memory stays bounded). */
const READ_KEYS = new Set(['_pc', '_status', 'bad_checkpoint', 'cowFilename', 'curTick', 'data', 'filename', 'instCnt', 'memories',
  'nbr_of_stores', 'numMemoryBlocks', 'range_size', 'store_id', 'type', 'version_tags', 'mem_mode', 'range', 'ranges', 'in_addr_map', 'children']);
/** Sections the product reads, kept past MAX_SECTIONS. */
const READ_SECTIONS = /^(root\.globals|Globals)$|(^|\.)physmem(\.store\d+)?$/;

const SPACE = new Set([0x20, 0x09, 0x0d, 0x0b, 0x0c]);

export class IniParser {
  private readonly doc: IniDocument = {
    preamble: [],
    sections: new Map(),
    badLines: [],
    badLineCount: 0,
    lineCount: 0,
    notText: null,
    duplicateSections: [],
    duplicateSectionCount: 0,
    droppedKeys: 0,
    droppedSections: 0,
  };
  /** The section lines are assigned to; null before the first header or inside a dropped section. */
  private section: IniSection | null = null;
  private inDroppedSection = false;
  private carry: Buffer | null = null;

  /** Feeds the next chunk of bytes. Returns false once the input was found not to be text (stop feeding). */
  push(chunk: Buffer): boolean {
    if (this.doc.notText) return false;
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      this.line(buf, start, nl);
      if (this.doc.notText) return false;
      start = nl + 1;
    }
    if (start < buf.length) {
      if (buf.length - start > MAX_LINE_BYTES) {
        this.doc.notText = `line ${this.doc.lineCount + 1} is longer than ${MAX_LINE_BYTES} bytes: not a gem5 text file`;
        return false;
      }
      this.carry = Buffer.from(buf.subarray(start));
    }
    return true;
  }

  end(): IniDocument {
    if (this.carry && !this.doc.notText) {
      const last = this.carry;
      this.carry = null;
      this.line(last, 0, last.length);
    }
    return this.doc;
  }

  private line(buf: Buffer, from: number, to: number): void {
    const lineNo = ++this.doc.lineCount;
    let s = from;
    let e = to;
    while (s < e && SPACE.has(buf[s])) s++;
    while (e > s && SPACE.has(buf[e - 1])) e--;
    if (s === e) return;
    if (buf.subarray(s, e).includes(0)) {
      this.doc.notText = `line ${lineNo} contains NUL bytes: not a gem5 text file`;
      return;
    }
    if (buf[s] === 0x5b /* [ */ && buf[e - 1] === 0x5d /* ] */) {
      const name = buf.toString('latin1', s + 1, e - 1).trim();
      const existing = this.doc.sections.get(name);
      this.inDroppedSection = false;
      if (existing) {
        this.doc.duplicateSectionCount++;
        if (this.doc.duplicateSections.length < MAX_DUPLICATES) this.doc.duplicateSections.push({ name, line: lineNo, firstLine: existing.line });
        this.section = existing;
      } else if (this.doc.sections.size >= MAX_SECTIONS && !READ_SECTIONS.test(name)) {
        this.doc.droppedSections++;
        this.section = null;
        this.inDroppedSection = true;
      } else {
        this.section = { name, line: lineNo, entries: new Map() };
        this.doc.sections.set(name, this.section);
      }
      return;
    }
    if (this.inDroppedSection) return;
    if (!this.section) {
      if (this.doc.preamble.length < MAX_PREAMBLE_LINES) this.doc.preamble.push(buf.toString('latin1', s, e));
      return;
    }
    const eq = buf.indexOf(0x3d /* = */, s);
    if (eq < 0 || eq >= e) {
      this.doc.badLineCount++;
      if (this.doc.badLines.length < MAX_BAD_LINES) {
        this.doc.badLines.push({ line: lineNo, section: this.section.name, text: buf.toString('latin1', s, Math.min(e, s + 200)) });
      }
      return;
    }
    let keyEnd = eq;
    const append = keyEnd > s && buf[keyEnd - 1] === 0x2b; /* + */
    if (append) keyEnd--;
    const key = buf.toString('latin1', s, keyEnd).trim();
    let vs = eq + 1;
    while (vs < e && SPACE.has(buf[vs])) vs++;
    const truncated = e - vs > MAX_VALUE_CHARS;
    const value = buf.toString('latin1', vs, truncated ? vs + MAX_VALUE_CHARS : e);
    this.assign(key, value, append, lineNo, truncated);
  }

  private assign(key: string, value: string, append: boolean, line: number, truncated: boolean): void {
    const entries = this.section!.entries;
    const prev = entries.get(key);
    if (!prev) {
      if (entries.size >= MAX_KEYS_PER_SECTION && !READ_KEYS.has(key)) {
        this.doc.droppedKeys++;
        return;
      }
      entries.set(key, { value, line, count: 1, firstLine: line, truncated });
      return;
    }
    prev.count++;
    prev.line = line;
    if (append) {
      const joined = prev.value + ' ' + value;
      prev.truncated = prev.truncated || truncated || joined.length > MAX_VALUE_CHARS;
      prev.value = joined.length > MAX_VALUE_CHARS ? joined.slice(0, MAX_VALUE_CHARS) : joined;
    } else {
      prev.value = value;
      prev.truncated = truncated;
    }
  }
}

export function parseIniText(text: string): IniDocument {
  const p = new IniParser();
  p.push(Buffer.from(text, 'latin1'));
  return p.end();
}

/**
 * Reads a file through the parser in 1 MiB chunks; the file is never held in memory as a whole. Plain fs calls, not
 * a read stream: a stream loads Node's stream stack, a few ms of every CLI start-up (gem5-ckpt inspect).
 */
export async function parseIniFile(path: string, signal?: AbortSignal): Promise<IniDocument> {
  const parser = new IniParser();
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead: n } = await fh.read(chunk, 0, CHUNK_BYTES, null);
      // The parser keeps no view of the chunk past push (it copies what it holds), so one buffer serves every read.
      if (n === 0 || !parser.push(chunk.subarray(0, n))) break;
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
  signal?.throwIfAborted();
  return parser.end();
}
