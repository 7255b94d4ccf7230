/**
 * Rule fixtures (ruff's layout, pyright's inline expectations): test/fixtures/rules/<CODE>/<case>/ is a small
 * workspace — real scripts and task files — laid over a base workspace (test/fixtures/rules/_base/<name>/), with the
 * checkpoints it needs generated at run time by checkpointWriter. Expectations are written inside the files:
 *
 *   some_line(...)   # expect: GS202            (Python)        "--cpu-type=atomic",  // expect: GS302   (JSON)
 *
 * A marker means "a finding with this code starts on this line"; findings are counted (`GS107, GS107` for two). Findings in generated files (m5.cpt) are expected in
 * case.json (`expect: [{code, file, at}]`, `at` = text on the line). The findings at error or warning level — and those
 * of any code the case names — must be exactly the expected ones: a near miss reports nothing of its code.
 */
import { cp, link, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createWorkspaceEngine } from '../../server/src/workspace/engine';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/workspace/types';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, detailProblems, type FindingDetail } from './findingDetails';
import {
  VERSION_TAGS, composableBoardLayout, gem5DmBoardLayout, sstBoardLayout, writeCheckpoint, type FixtureCheckpoint, type FixtureMemory,
} from './checkpointWriter';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'rules');
const BASES = join(FIXTURES, '_base');

/** A checkpoint to generate: a take run's outdir (config.ini + checkpoint/), sizes as "1GiB", "0x100000000" or bytes. */
export interface CheckpointSpec {
  outdir: string;
  /** Put the checkpoint directory here instead of `<outdir>/checkpoint` (config.ini still goes beside it). */
  as?: string;
  layout?: 'sst' | 'gem5dm' | 'composable';
  local?: string;
  remoteStart?: string;
  remote?: string;
  /** Explicit memories instead of a layout. */
  memories?: { name: string; type: string; start: string; size: string; inAddrMap: boolean; channels?: number }[];
  cpu?: FixtureCheckpoint['cpu'];
  caches?: FixtureCheckpoint['caches'];
  disk?: boolean;
  configIni?: boolean;
  versionTags?: string[];
  extraCptLines?: string[];
}

export interface CaseSpec {
  kind: 'report' | 'near-miss';
  /** What the case shows; the test title. */
  title: string;
  /** Base workspace under _base/ laid down first ("none" for a case that brings every file). Default "disaggregated". */
  base?: string;
  /** Replaces the base's checkpoints. */
  checkpoints?: CheckpointSpec[];
  /** After generation: files to delete, write (text) or write gzip-compressed (text content). Paths relative to the case root. */
  remove?: string[];
  write?: Record<string, string>;
  gzip?: Record<string, string>;
  /** Last: text replaced in a file of the laid-out case (a base script, a generated checkpoint); each `replace` must occur. */
  edit?: { file: string; replace: string; with: string }[];
  /** Directories to create (e.g. a sibling checkpoint directory that is not a checkpoint). */
  mkdir?: string[];
  /** Expected findings in generated files. */
  expect?: { code: string; file: string; at: string }[];
  /** What chosen findings say: message, severity, related locations, quick fixes (test/support/findingDetails.ts). */
  details?: FindingDetail[];
  settings?: Partial<EngineSettings>;
  /** A gem5 source tree at gem5/ (the B inputs): upgrader tags (default: the checkpoint writer's), ext/sst/gem5.cc, the bridge source. */
  gem5Tree?: { tags?: string[]; extraTags?: string[]; gem5cc?: string; bridge?: string };
  /**
   * Set when today's config model cannot see what the case is about (e.g. nodes built with `list.append(sst.Component(...))`):
   * the runner reports the case as pending with this reason while it fails, and fails it once it passes (drop the marker).
   */
  expectedToFailUntil?: string;
}

export interface FixtureCase {
  code: string;
  name: string;
  dir: string;
  spec: CaseSpec;
}

interface BaseSpec {
  checkpoints: CheckpointSpec[];
}

/** Every case of every code folder (folders starting with `_` are not codes). */
export function loadFixtureCases(): Map<string, FixtureCase[]> {
  const out = new Map<string, FixtureCase[]>();
  for (const code of readdirSync(FIXTURES).filter((n) => !n.startsWith('_') && statSync(join(FIXTURES, n)).isDirectory()).sort()) {
    const cases: FixtureCase[] = [];
    for (const name of readdirSync(join(FIXTURES, code)).sort()) {
      const dir = join(FIXTURES, code, name);
      if (!statSync(dir).isDirectory()) continue;
      const specFile = join(dir, 'case.json');
      if (!existsSync(specFile)) throw new Error(`${relative(FIXTURES, dir)} has no case.json`);
      cases.push({ code, name, dir, spec: JSON.parse(readFileSync(specFile, 'utf8')) as CaseSpec });
    }
    out.set(code, cases);
  }
  return out;
}

const SIZE = /^(\d+)\s*(B|KiB|MiB|GiB|TiB)?$/;
const UNIT: Record<string, bigint> = { B: 1n, KiB: 1n << 10n, MiB: 1n << 20n, GiB: 1n << 30n, TiB: 1n << 40n };
export function sizeOf(text: string): bigint {
  if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(text);
  const m = SIZE.exec(text);
  if (!m) throw new Error(`fixture size "${text}" is not bytes, 0x… or N{KiB,MiB,GiB,TiB}`);
  return BigInt(m[1]) * UNIT[m[2] ?? 'B'];
}

function memoriesOf(c: CheckpointSpec): FixtureMemory[] {
  if (c.memories) return c.memories.map((m) => ({ ...m, start: sizeOf(m.start), size: sizeOf(m.size) }));
  const local = sizeOf(c.local ?? '1GiB');
  const remote = sizeOf(c.remote ?? '1GiB');
  switch (c.layout ?? 'sst') {
    case 'sst': return sstBoardLayout(local, sizeOf(c.remoteStart ?? '0x100000000'), remote);
    case 'gem5dm': return gem5DmBoardLayout(local, remote);
    case 'composable': return composableBoardLayout(local, remote);
  }
}

// Identical checkpoints are generated once per process and copied (a copy is ~10× cheaper than writing the stores).
let cacheDir: string | null = null;
const generated = new Map<string, Promise<string>>();

async function generate(root: string, c: CheckpointSpec): Promise<void> {
  const { outdir, as, ...what } = c;
  const key = JSON.stringify(what);
  let made = generated.get(key);
  if (!made) {
    const slot = String(generated.size);
    made = (async () => {
      if (!cacheDir) {
        const dir = await mkdtemp(join(tmpdir(), 'rule-checkpoints-'));
        cacheDir = dir;
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      }
      const dir = join(cacheDir, slot);
      await writeCheckpoint(dir, {
        memories: memoriesOf(c),
        cpu: c.cpu ?? { count: 4, type: 'ArmAtomicSimpleCPU' },
        caches: c.caches, disk: c.disk ?? true, configIni: c.configIni, versionTags: c.versionTags, extraCptLines: c.extraCptLines,
      });
      return dir;
    })();
    generated.set(key, made);
  }
  if (!as) {
    await linkTree(await made, join(root, outdir));
    return;
  }
  await linkTree(join(await made, 'checkpoint'), join(root, as));
  if (c.configIni !== false) await linkTree(join(await made, 'config.ini'), join(root, dirname(as), 'config.ini'));
}

/** Hard links (a copy when linking fails): generated checkpoints are shared read-only between cases. */
async function linkTree(from: string, to: string): Promise<void> {
  if ((await stat(from)).isDirectory()) {
    await mkdir(to, { recursive: true });
    for (const e of await readdir(from)) await linkTree(join(from, e), join(to, e));
    return;
  }
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true }); // two take runs beside each other share one config.ini place: the later one wins
  await link(from, to).catch(() => cp(from, to));
}

async function writeGem5Tree(root: string, t: NonNullable<CaseSpec['gem5Tree']>): Promise<void> {
  const tree = join(root, 'gem5');
  await mkdir(join(tree, 'src', 'sim'), { recursive: true });
  await mkdir(join(tree, 'util', 'cpt_upgraders'), { recursive: true });
  for (const tag of [...(t.tags ?? VERSION_TAGS), ...(t.extraTags ?? [])]) {
    await writeFile(join(tree, 'util', 'cpt_upgraders', `${tag}.py`), '# upgrader\n');
  }
  if (t.gem5cc !== undefined) {
    await mkdir(join(tree, 'ext', 'sst'), { recursive: true });
    await writeFile(join(tree, 'ext', 'sst', 'gem5.cc'), t.gem5cc);
  }
  if (t.bridge !== undefined) {
    await mkdir(join(tree, 'src', 'sst'), { recursive: true });
    await writeFile(join(tree, 'src', 'sst', 'outgoing_request_bridge.cc'), t.bridge);
  }
}

/** Copies a directory without the fixture's own description files. */
async function overlay(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, filter: (src) => !/[/\\](case|base)\.json$/.test(src) });
}

/** Lays the case out in a fresh directory: base, case files, generated checkpoints, post-generation edits. */
export async function materialize(c: FixtureCase): Promise<{ root: string; dispose(): Promise<void> }> {
  const tmp = await mkdtemp(join(tmpdir(), `rule-${c.code}-`));
  const root = join(tmp, c.name);
  await mkdir(root);
  const baseName = c.spec.base ?? 'disaggregated';
  let checkpoints = c.spec.checkpoints;
  if (baseName !== 'none') {
    const baseDir = join(BASES, baseName);
    await overlay(baseDir, root);
    checkpoints ??= (JSON.parse(await readFile(join(baseDir, 'base.json'), 'utf8')) as BaseSpec).checkpoints;
  }
  await overlay(c.dir, root);
  for (const cpt of checkpoints ?? []) await generate(root, cpt);
  if (c.spec.gem5Tree) await writeGem5Tree(root, c.spec.gem5Tree);
  for (const d of c.spec.mkdir ?? []) await mkdir(join(root, d), { recursive: true });
  for (const f of c.spec.remove ?? []) await rm(join(root, f), { force: true, recursive: true });
  // Unlink first: a generated file is a hard link shared with other cases.
  for (const [f, text] of Object.entries(c.spec.write ?? {})) await rm(join(root, f), { force: true }).then(() => writeFile(join(root, f), text));
  for (const [f, text] of Object.entries(c.spec.gzip ?? {})) await rm(join(root, f), { force: true }).then(() => writeFile(join(root, f), gzipSync(Buffer.from(text))));
  for (const e of c.spec.edit ?? []) {
    const before = await readFile(join(root, e.file), 'utf8');
    if (!before.includes(e.replace)) throw new Error(`${c.code}/${c.name}: "${e.replace}" is not in ${e.file}`);
    await rm(join(root, e.file), { force: true }).then(() => writeFile(join(root, e.file), before.split(e.replace).join(e.with)));
  }
  return { root, dispose: () => rm(tmp, { recursive: true, force: true }) };
}

const MARKER = /(?:#|\/\/)\s*expect:\s*(GS\d{3}(?:\s*,\s*GS\d{3})*)/;

/** `CODE path:line` for every marker in the text files of the workspace (checkpoints are skipped). */
export async function markersIn(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.(py|json)$/.test(e.name)) {
        (await readFile(p, 'utf8')).split('\n').forEach((line, i) => {
          const m = MARKER.exec(line);
          if (m) for (const code of m[1].split(',')) out.push(`${code.trim()} ${relative(root, p)}:${i + 1}`);
        });
      }
    }
  };
  await walk(root);
  return out;
}

export interface CaseOutcome {
  expected: string[];
  actual: string[];
  /** Every finding, for failure messages. */
  findings: Finding[];
  /** Preferred quick fixes of the case's code that, applied to a copy, did not remove their finding. */
  fixesThatDoNotFix: string[];
  /** Details stated in case.json that the findings do not match. */
  detailProblems: string[];
}

async function findingsOf(root: string, settings: EngineSettings): Promise<Finding[]> {
  const engine = createWorkspaceEngine([root], settings);
  let findings = [...(await engine.findingsAll()).values()].flat();
  // Store verification runs in the background: wait for it as `check --verify-stores` does.
  for (let i = 0; settings.verifyStores && engine.isVerifying() && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
    findings = [...(await engine.findingsAll()).values()].flat();
  }
  return findings;
}

/** Applies each preferred fix of `code` to a scratch copy and checks that the code reports fewer findings there. */
async function checkPreferredFixes(root: string, code: string, findings: Finding[], settings: EngineSettings): Promise<string[]> {
  const before = findings.filter((f) => f.code === code).length;
  const out: string[] = [];
  for (const f of findings.filter((x) => x.code === code)) {
    for (const fix of f.fixes.filter((x) => x.preferred)) {
      const scratch = await mkdtemp(join(tmpdir(), 'rule-fix-'));
      try {
        await linkTree(root, scratch);
        for (const file of new Set(fix.edits.map((e) => e.file))) {
          const target = join(scratch, relative(root, file));
          const text = await readFile(target, 'utf8');
          await rm(target); // a hard link: write a new file
          await writeFile(target, applyEdits(text, fix.edits.filter((e) => e.file === file)));
        }
        const after = (await findingsOf(scratch, settings)).filter((x) => x.code === code).length;
        if (after >= before) out.push(`"${fix.title}" (line ${f.span.start.line + 1}) leaves ${after} ${code} finding(s)`);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
  }
  return out;
}

// A case is laid out once per process and only read afterwards (the engine never writes into a workspace), so
// repeated runs — a mutation-testing worker runs the suite once per mutant — only pay for the engine.
const laidOut = new Map<string, Promise<{ root: string; dispose(): Promise<void> }>>();
const cleanup: string[] = [];
process.once('exit', () => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

/** Runs the engine `gem5-ckpt check` uses over the materialized case and compares with its expectations. */
export async function runCase(c: FixtureCase): Promise<CaseOutcome> {
  let made = laidOut.get(c.dir);
  if (!made) {
    made = materialize(c).then((ws) => {
      cleanup.push(dirname(ws.root));
      return ws;
    });
    laidOut.set(c.dir, made);
  }
  const ws = await made;
  {
    const expected = await markersIn(ws.root);
    for (const e of c.spec.expect ?? []) {
      const lines = (await readFile(join(ws.root, e.file), 'utf8')).split('\n');
      const i = lines.findIndex((l) => l.includes(e.at));
      if (i < 0) throw new Error(`${c.code}/${c.name}: "${e.at}" is not in ${e.file}`);
      expected.push(`${e.code} ${e.file}:${i + 1}`);
    }
    const settings = { ...DEFAULT_SETTINGS, ...c.spec.settings };
    const findings = await findingsOf(ws.root, settings);
    const named = new Set([c.code, ...expected.map((e) => e.split(' ')[0])]);
    const actual = findings
      .filter((f) => f.severity === 'error' || f.severity === 'warning' || named.has(f.code))
      .map((f) => `${f.code} ${relative(ws.root, f.file)}:${f.span.start.line + 1}`);
    const fixesThatDoNotFix = c.spec.kind === 'report' ? await checkPreferredFixes(ws.root, c.code, findings, settings) : [];
    const details = await detailProblems(ws.root, c.spec.details ?? [], findings);
    return { expected: expected.sort(), actual: actual.sort(), findings, fixesThatDoNotFix, detailProblems: details };
  }
}
