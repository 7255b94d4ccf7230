// Expectations written inside the sample scripts (test/differential/samples/*.py), in the style of pyright's
// samples, and their check against a recorded graph (CPython's, or the model's where `null` means unknown).
//
//   # expect: component NAME type=TYPE [rank=N|none] [thread=N] [line=N]
//   # expect: subcomponent PARENT:SLOT[N] type=TYPE [line=N]
//   # expect: param NAME.KEY = JSON                 (NAME may be a JSON string when it contains a dot)
//   # expect: params NAME = JSON-OBJECT             (exactly these params)
//   # expect: link NAME COMP PORT LATENCY -- COMP PORT LATENCY [nocut] [line=N]   (`-- none`: one end only)
//   # expect: option KEY = JSON                     (a program option)
//   # expect: count components|links N
//   # expect: no component|link NAME
//   # expect-unknown: NAME.KEY | PATH               (a value only the user supplies: the model must say unknown)
//
// A token is a JSON string or a run of non-space characters. PATHs are compareGraphs paths
// (`components[n].partition`, `links[l].left.latency`, `program_options.timebase`).
import type { ComponentOf, GraphOf, LinkEndOf, LinkOf, SubComponentOf } from './cpythonGraph';

interface Base { line: number; text: string }
type ExpectationBody =
  | { kind: 'component'; name: string; type: string; rank?: number | 'none'; thread?: number; sourceLine?: number }
  | { kind: 'subcomponent'; name: string; type: string; sourceLine?: number }
  | { kind: 'param'; name: string; key: string; value: string }
  | { kind: 'params'; name: string; params: Record<string, string> }
  | { kind: 'link'; name: string; left: End; right: End | null; noCut: boolean; sourceLine?: number }
  | { kind: 'option'; key: string; value: string }
  | { kind: 'count'; what: 'components' | 'links'; count: number }
  | { kind: 'absent'; what: 'component' | 'link'; name: string }
  | { kind: 'unknown'; path: string };
export type Expectation = Base & ExpectationBody;
interface End { component: string; port: string; latency: string }

const PREFIX = /^\s*#\s*(expect|expect-unknown):\s*(.*)$/;

/** Every `# expect` line of a sample; a malformed one throws with its line number. */
export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = PREFIX.exec(raw);
    if (!m) return;
    const line = i + 1;
    try {
      const body: ExpectationBody = m[1] === 'expect' ? parseExpect(m[2]) : { kind: 'unknown', path: unknownPath(m[2].trim()) };
      out.push({ line, text: m[2].trim(), ...body });
    } catch (e) {
      throw new Error(`line ${line}: ${(e as Error).message}: ${raw.trim()}`);
    }
  });
  return out;
}

function tokenize(s: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|\S+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) tokens.push(m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : m[1]);
  return tokens;
}

/** `NAME.KEY = JSON` → its parts; NAME is a JSON string or runs to the first dot. */
function splitNameKey(s: string): { name: string; key: string; rest: string } {
  const t = s.trim();
  let name: string;
  let after: string;
  if (t.startsWith('"')) {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(t);
    if (!m) throw new Error('unterminated name');
    name = JSON.parse(m[0]) as string;
    after = t.slice(m[0].length);
    if (!after.startsWith('.')) throw new Error('expected .KEY after the name');
    after = after.slice(1);
  } else {
    const dot = t.indexOf('.');
    if (dot < 0) throw new Error('expected NAME.KEY');
    name = t.slice(0, dot);
    after = t.slice(dot + 1);
  }
  const eq = after.indexOf(' = ');
  const key = (eq < 0 ? after : after.slice(0, eq)).trim();
  return { name, key, rest: eq < 0 ? '' : after.slice(eq + 3).trim() };
}

function unknownPath(s: string): string {
  if (/^(components\[|links\[|program_options\.)/.test(s)) return s;
  const { name, key } = splitNameKey(s);
  return `components[${name}].params.${key}`;
}

function options(tokens: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq < 0) throw new Error(`expected key=value, got ${t}`);
    out[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return out;
}

const int = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s)) throw new Error(`not a number: ${s}`);
  return Number(s);
};

function parseExpect(body: string): ExpectationBody {
  const [verb, ...rest] = tokenize(body);
  switch (verb) {
    case 'component': {
      const o = options(rest.slice(1));
      if (o.type === undefined) throw new Error('component needs type=');
      return { kind: 'component', name: rest[0], type: o.type, rank: o.rank === 'none' ? 'none' : int(o.rank), thread: int(o.thread), sourceLine: int(o.line) };
    }
    case 'subcomponent': {
      const o = options(rest.slice(1));
      if (o.type === undefined) throw new Error('subcomponent needs type=');
      return { kind: 'subcomponent', name: rest[0], type: o.type, sourceLine: int(o.line) };
    }
    case 'param': {
      const { name, key, rest: value } = splitNameKey(body.trim().slice('param'.length));
      const v: unknown = JSON.parse(value);
      if (typeof v !== 'string') throw new Error('a param value is a JSON string (SST stores strings)');
      return { kind: 'param', name, key, value: v };
    }
    case 'params': {
      const eq = body.indexOf(' = ');
      if (eq < 0) throw new Error('expected params NAME = {...}');
      return { kind: 'params', name: tokenize(body.slice(0, eq))[1], params: JSON.parse(body.slice(eq + 3)) as Record<string, string> };
    }
    case 'link': {
      const sep = rest.indexOf('--');
      if (sep !== 4) throw new Error('expected link NAME COMP PORT LATENCY -- COMP PORT LATENCY');
      const left = { component: rest[1], port: rest[2], latency: rest[3] };
      const none = rest[5] === 'none';
      const right = none ? null : { component: rest[5], port: rest[6], latency: rest[7] };
      const tail = rest.slice(none ? 6 : 8);
      const noCut = tail.includes('nocut');
      return { kind: 'link', name: rest[0], left, right, noCut, sourceLine: int(options(tail.filter((t) => t !== 'nocut')).line) };
    }
    case 'option': {
      const eq = body.indexOf(' = ');
      return { kind: 'option', key: tokenize(body.slice(0, eq))[1], value: JSON.parse(body.slice(eq + 3)) as string };
    }
    case 'count':
      if (rest[0] !== 'components' && rest[0] !== 'links') throw new Error('count components|links N');
      return { kind: 'count', what: rest[0], count: int(rest[1]) as number };
    case 'no':
      if (rest[0] !== 'component' && rest[0] !== 'link') throw new Error('no component|link NAME');
      return { kind: 'absent', what: rest[0], name: rest[1] };
    default:
      throw new Error(`unknown expectation ${verb}`);
  }
}

/** The paths the `# expect-unknown` lines name: what compareGraphs may accept as unknown for this sample. */
export function unknownPaths(expectations: Expectation[]): Set<string> {
  return new Set(expectations.flatMap((e) => (e.kind === 'unknown' ? [e.path] : [])));
}

type AnyGraph = GraphOf<null>;
type Configurable = ComponentOf<null> | SubComponentOf<null>;

/** Components and subcomponents by SST full name (`parent:slot[n]`). */
function byFullName(graph: AnyGraph): Map<string, Configurable> {
  const out = new Map<string, Configurable>();
  const walk = (name: string, c: Configurable): void => {
    out.set(name, c);
    for (const s of c.subcomponents) walk(`${name}:${s.slot_name}[${s.slot_number}]`, s);
  };
  for (const c of graph.components) walk(String(c.name), c);
  return out;
}

/** Reads a compareGraphs path out of a graph (undefined when absent). */
export function valueAt(graph: AnyGraph, p: string): unknown {
  const m = /^(components|links)\[(.*?)\](?:\.(.*))?$/.exec(p) ?? /^(program_options)\.(.*)$/.exec(p);
  if (!m) return undefined;
  if (m[1] === 'program_options') return graph.program_options[m[2]];
  // The name may contain brackets (`a:s[0]`): take the longest name that exists.
  const objects: Map<string, unknown> = m[1] === 'components' ? byFullName(graph) : new Map(graph.links.map((l) => [String(l.name), l]));
  const inner = p.slice(m[1].length + 1);
  for (let end = inner.length; end > 0; end--) {
    if (inner[end - 1] !== ']') continue;
    const obj = objects.get(inner.slice(0, end - 1));
    if (obj === undefined) continue;
    let v: unknown = obj;
    const rest = inner.slice(end);
    if (rest === '') return v;
    const [first, ...keys] = rest.slice(1).split('.');
    v = (v as Record<string, unknown>)[first];
    // Param keys may contain dots: everything after `.params.` is the key.
    if (first === 'params' && keys.length > 0) return v === null || v === undefined ? v : (v as Record<string, unknown>)[keys.join('.')];
    for (const k of keys) v = v === null || v === undefined ? v : (v as Record<string, unknown>)[k];
    return v;
  }
  return undefined;
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Failed expectations, one line each. `side` says whose graph this is: on CPython's an `expect-unknown` value must
 * exist (the script does set it); on the model's it must be `null`.
 */
export function checkExpectations(graph: AnyGraph, expectations: Expectation[], side: 'cpython' | 'model'): string[] {
  const fails: string[] = [];
  const names = byFullName(graph);
  const links = new Map(graph.links.map((l) => [String(l.name), l]));
  const fail = (e: Expectation, why: string): void => { fails.push(`line ${e.line} (${e.text}): ${why}`); };
  const want = (e: Expectation, what: string, expected: unknown, actual: unknown): void => {
    if (expected !== actual) fail(e, `${what} is ${show(actual)}, expected ${show(expected)}`);
  };
  for (const e of expectations) {
    switch (e.kind) {
      case 'component':
      case 'subcomponent': {
        const c = names.get(e.name);
        if (c === undefined) { fail(e, 'no such component'); break; }
        want(e, 'type', e.type, c.type);
        if (e.sourceLine !== undefined) want(e, 'source line', e.sourceLine, c.source?.line);
        if (e.kind === 'component') {
          const partition = (c as ComponentOf<null>).partition;
          if (e.rank === 'none') want(e, 'partition', undefined, partition);
          else if (e.rank !== undefined) want(e, 'rank', e.rank, partition?.rank);
          if (e.thread !== undefined) want(e, 'thread', e.thread, partition?.thread);
        }
        break;
      }
      case 'param': {
        const c = names.get(e.name);
        if (c === undefined) fail(e, 'no such component');
        else want(e, `param ${e.key}`, e.value, c.params?.[e.key]);
        break;
      }
      case 'params': {
        const c = names.get(e.name);
        if (c === undefined) fail(e, 'no such component');
        else if (JSON.stringify(c.params) !== JSON.stringify(e.params)) want(e, 'params', JSON.stringify(e.params), JSON.stringify(c.params));
        break;
      }
      case 'link': {
        const l: LinkOf<null> | undefined = links.get(e.name);
        if (l === undefined) { fail(e, 'no such link'); break; }
        const end = (x: LinkEndOf<null> | undefined): string | undefined => (x ? `${x.component} ${x.port} ${x.latency}` : undefined);
        want(e, 'left end', end(e.left), end(l.left));
        want(e, 'right end', e.right ? end(e.right) : undefined, end(l.right));
        want(e, 'noCut', e.noCut, l.noCut);
        if (e.sourceLine !== undefined) want(e, 'source line', e.sourceLine, l.source?.line);
        break;
      }
      case 'option':
        want(e, `program option ${e.key}`, e.value, graph.program_options[e.key]);
        break;
      case 'count':
        want(e, `number of ${e.what}`, e.count, graph[e.what].length);
        break;
      case 'absent':
        if ((e.what === 'component' ? names : links).has(e.name)) fail(e, `the ${e.what} exists`);
        break;
      case 'unknown': {
        const v = valueAt(graph, e.path);
        if (side === 'cpython' && (v === undefined || v === null)) fail(e, `CPython has no value at ${e.path}`);
        if (side === 'model' && v !== null) fail(e, `the model has ${show(v)} at ${e.path}, expected unknown`);
        break;
      }
    }
  }
  return fails;
}

/**
 * `# sst-run: ranks=N [threads=N]`: the launch a sample is run under (mpirun -np N, --num-threads), which is what
 * sst.getMPIRankCount()/getThreadCount() answer on both sides; null when the sample has none.
 */
export function sampleRun(text: string): { ranks: number; threads: number } | null {
  const m = /^\s*#\s*sst-run:\s*ranks=(\d+)(?:\s+threads=(\d+))?\s*$/m.exec(text);
  return m ? { ranks: Number(m[1]), threads: Number(m[2] ?? 1) } : null;
}
