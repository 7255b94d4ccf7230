// The CPython side of the config-model differential test: run SST scripts under python3 with the project's
// recording `sst` module (test/differential/), and compare the graph they build with the model's graph.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const RECORD_PY = path.resolve(__dirname, '..', 'differential', 'record.py');

// The graph in the shape `sst --output-json` writes (sst-core src/sst/core/model/cfgoutput/jsonConfigOutput.cc),
// plus where each object was created. `N` is `null` on the model's side, where a leaf may be unknown.
export interface SourceOf<N extends null> { file: string | N; line: number | N }
export interface SubComponentOf<N extends null> {
  slot_name: string | N;
  slot_number: number | N;
  type: string | N;
  params: Record<string, string | N> | N;
  subcomponents: SubComponentOf<N>[];
  source?: SourceOf<N> | N;
}
export interface ComponentOf<N extends null> {
  name: string | N;
  type: string | N;
  params: Record<string, string | N> | N;
  partition?: { rank: number | N; thread: number | N } | N;
  subcomponents: SubComponentOf<N>[];
  source?: SourceOf<N> | N;
}
export interface LinkEndOf<N extends null> { component: string | N; port: string | N; latency: string | N }
export interface LinkOf<N extends null> {
  name: string | N;
  noCut: boolean | N;
  left?: LinkEndOf<N>;
  right?: LinkEndOf<N>;
  source?: SourceOf<N> | N;
}
export interface GraphOf<N extends null> {
  program_options: Record<string, string | N>;
  components: ComponentOf<N>[];
  links: LinkOf<N>[];
}
/** What CPython recorded: every value known. */
export type Graph = GraphOf<never>;
/** What the model built: `null` anywhere a leaf is unknown. */
export type ModelGraph = GraphOf<null>;
export type SubComponent = SubComponentOf<never>;
export type Component = ComponentOf<never>;
export type Link = LinkOf<never>;

/** One script run; ranks/threads are what sst.getMPIRankCount()/getThreadCount() answer (1 when absent). */
export interface Job { script: string; cwd: string; argv: string[]; ranks?: number; threads?: number }
export interface Result { script: string; ok: boolean; error: string | null; seconds: number; graph: Graph | null }

/** Runs every job in one python3 process (argument array, no shell); resolves with one result per job. */
export function runCPython(jobs: Job[], python = 'python3'): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [RECORD_PY, '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`record.py exited with ${code}: ${Buffer.concat(err).toString().trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString()) as Result[]);
      } catch (e) {
        reject(new Error(`record.py printed no JSON: ${(e as Error).message}`));
      }
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}

type AcceptUnknown = (path: string) => boolean;

/**
 * Differences between CPython's graph (`expected`) and the model's (`actual`), one readable line each.
 * Paths name objects by SST full name: `components[gem5_node_0].params.cmd`,
 * `components[gem5_node_0:memory[0]].type` (a subcomponent), `links[l0].left.latency`, `program_options.timebase`.
 * A `null` in `actual` is accepted only where `acceptUnknown(path)` says so; `source` is compared by line.
 */
export function compareGraphs(expected: Graph, actual: ModelGraph, acceptUnknown: AcceptUnknown): string[] {
  const diffs: string[] = [];
  compareRecords('program_options', expected.program_options, actual.program_options, acceptUnknown, diffs);
  compareNamed(
    'components', expected.components, actual.components, (c) => c.name, acceptUnknown, diffs,
    (p, e, a) => compareComponent(p, e, a, acceptUnknown, diffs),
  );
  compareOrder(expected.components.map((c) => c.name), actual.components.map((c) => c.name), diffs);
  compareNamed(
    'links', expected.links, actual.links, (l) => l.name, acceptUnknown, diffs,
    (p, e, a) => compareLink(p, e, a, acceptUnknown, diffs),
  );
  return diffs;
}

/**
 * Components in the order they were made (SST numbers them so, and sst.linear places them by it): the names both
 * sides know must come in the same order.
 */
function compareOrder(expected: string[], actual: (string | null)[], diffs: string[]): void {
  const known = new Set(actual);
  const e = expected.filter((n) => known.has(n));
  const inCPython = new Set(e);
  const a = actual.filter((n): n is string => n !== null && inCPython.has(n));
  const at = e.findIndex((n, i) => a[i] !== n);
  if (at >= 0) diffs.push(`components: made in another order (CPython: ${e.slice(at, at + 3).join(', ')}; the model: ${a.slice(at, at + 3).join(', ')})`);
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function compareLeaf(p: string, e: unknown, a: unknown, accept: AcceptUnknown, diffs: string[]): void {
  if (a === null && e !== null) {
    if (!accept(p)) diffs.push(`${p}: unknown in the model, CPython has ${show(e)}`);
  } else if (e !== a) {
    diffs.push(`${p}: CPython has ${show(e)}, the model has ${show(a)}`);
  }
}

function compareRecords(
  p: string, e: Record<string, string>, a: Record<string, string | null> | null, accept: AcceptUnknown,
  diffs: string[],
): void {
  if (a === null) {
    if (!accept(p)) diffs.push(`${p}: unknown in the model, CPython has ${show(e)}`);
    return;
  }
  for (const key of Object.keys(e)) {
    if (!(key in a)) diffs.push(`${p}.${key}: missing in the model (CPython has ${show(e[key])})`);
    else compareLeaf(`${p}.${key}`, e[key], a[key], accept, diffs);
  }
  for (const key of Object.keys(a)) {
    if (!(key in e)) diffs.push(`${p}.${key}: extra in the model (${show(a[key])}), absent in CPython`);
  }
}

/** Pairs objects by name; model objects whose name is unknown take the leftover CPython ones in order. */
function compareNamed<E, A>(
  kind: string, expected: E[], actual: A[], nameOf: (x: E | A) => string | null, accept: AcceptUnknown,
  diffs: string[], compare: (path: string, e: E, a: A) => void,
): void {
  const byName = new Map<string, A>();
  const unnamed: A[] = [];
  for (const a of actual) {
    const name = nameOf(a);
    if (name === null) unnamed.push(a);
    else if (byName.has(name)) diffs.push(`${kind}[${name}]: twice in the model`);
    else byName.set(name, a);
  }
  const seen = new Set<string>();
  for (const e of expected) {
    const name = nameOf(e) as string;
    seen.add(name);
    let a = byName.get(name);
    if (a === undefined && unnamed.length > 0 && accept(`${kind}[${name}].name`)) a = unnamed.shift();
    if (a === undefined) diffs.push(`${kind}[${name}]: missing in the model`);
    else compare(`${kind}[${name}]`, e, a);
  }
  for (const name of byName.keys()) if (!seen.has(name)) diffs.push(`${kind}[${name}]: extra in the model`);
  for (let i = 0; i < unnamed.length; i++) diffs.push(`${kind}[?]: extra in the model (name unknown)`);
}

function compareSource(
  p: string, e: SourceOf<never> | undefined, a: SourceOf<null> | null | undefined, accept: AcceptUnknown,
  diffs: string[],
): void {
  if (e === undefined) return;
  if (a === null || a === undefined || a.line === null) {
    if (!accept(`${p}.source`)) diffs.push(`${p}.source: unknown in the model, CPython has line ${e.line}`);
    return;
  }
  if (a.line !== e.line) diffs.push(`${p}.source: CPython has line ${e.line}, the model has line ${a.line}`);
  if (a.file !== null && path.basename(a.file) !== path.basename(e.file)) {
    diffs.push(`${p}.source: CPython has file ${path.basename(e.file)}, the model has ${path.basename(a.file)}`);
  }
}

function compareConfigurable(
  p: string, fullName: string, e: Component | SubComponent, a: ComponentOf<null> | SubComponentOf<null>,
  accept: AcceptUnknown, diffs: string[],
): void {
  compareLeaf(`${p}.type`, e.type, a.type, accept, diffs);
  compareRecords(`${p}.params`, e.params, a.params, accept, diffs);
  compareSource(p, e.source, a.source, accept, diffs);
  compareNamed(
    'components', e.subcomponents, a.subcomponents,
    (s) => (s.slot_name === null || s.slot_number === null ? null : `${fullName}:${s.slot_name}[${s.slot_number}]`),
    accept, diffs,
    (sp, se, sa) => compareConfigurable(sp, sp.slice('components['.length, -1), se, sa, accept, diffs),
  );
}

function compareComponent(p: string, e: Component, a: ComponentOf<null>, accept: AcceptUnknown, diffs: string[]): void {
  compareConfigurable(p, e.name, e, a, accept, diffs);
  if (e.partition === undefined && a.partition !== undefined && a.partition !== null) {
    diffs.push(`${p}.partition: extra in the model (${show(a.partition)}), CPython has no setRank`);
  } else if (e.partition !== undefined) {
    if (a.partition === undefined) diffs.push(`${p}.partition: missing in the model (CPython has ${show(e.partition)})`);
    else if (a.partition === null) {
      if (!accept(`${p}.partition`)) diffs.push(`${p}.partition: unknown in the model, CPython has ${show(e.partition)}`);
    } else {
      compareLeaf(`${p}.partition.rank`, e.partition.rank, a.partition.rank, accept, diffs);
      compareLeaf(`${p}.partition.thread`, e.partition.thread, a.partition.thread, accept, diffs);
    }
  }
}

function compareLink(p: string, e: Link, a: LinkOf<null>, accept: AcceptUnknown, diffs: string[]): void {
  compareLeaf(`${p}.noCut`, e.noCut, a.noCut, accept, diffs);
  for (const side of ['left', 'right'] as const) {
    const es = e[side];
    const as = a[side];
    if (es === undefined && as === undefined) continue;
    if (es === undefined) diffs.push(`${p}.${side}: extra in the model (${show(as)}), not connected in CPython`);
    else if (as === undefined) diffs.push(`${p}.${side}: missing in the model (CPython has ${show(es)})`);
    else {
      for (const key of ['component', 'port', 'latency'] as const) {
        compareLeaf(`${p}.${side}.${key}`, es[key], as[key], accept, diffs);
      }
    }
  }
  compareSource(p, e.source, a.source, accept, diffs);
}

export { checkExpectations, parseExpectations, sampleRun, unknownPaths, valueAt, type Expectation } from './sampleExpectations';
