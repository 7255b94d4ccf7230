/**
 * Mutations of real scripts for the syntax-error differential test: deleted and duplicated characters and lines,
 * unbalanced brackets and quotes, bad indentation, truncation. Generated with fast-check from a fixed seed.
 */
import fc from 'fast-check';

export interface Mutation {
  /** Which source, and what was done (for a readable failure). */
  file: number;
  description: string;
  text: string;
}

type Op = { kind: string; at: number; extra: number };

const KINDS = [
  'delete-char', 'duplicate-char', 'delete-line', 'duplicate-line', 'insert-open', 'insert-close', 'insert-quote',
  'indent-line', 'dedent-line', 'tab-indent', 'truncate', 'delete-comma', 'delete-colon', 'prefix-calls',
] as const;

function lineBounds(text: string, at: number): [number, number] {
  const start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
  const nl = text.indexOf('\n', at);
  return [start, nl < 0 ? text.length : nl + 1];
}

/** The n-th occurrence (mod count) of `ch`, or -1. */
function nthOf(text: string, ch: string, n: number): number {
  const hits: number[] = [];
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) hits.push(i);
  return hits.length ? hits[n % hits.length] : -1;
}

export function applyMutation(text: string, op: Op): { text: string; description: string } {
  const at = text.length ? op.at % text.length : 0;
  const [ls, le] = lineBounds(text, at);
  const line = text.slice(0, at).split('\n').length;
  switch (op.kind) {
    case 'delete-char':
      return { text: text.slice(0, at) + text.slice(at + 1), description: `delete char ${JSON.stringify(text[at])} at ${at}` };
    case 'duplicate-char':
      return { text: text.slice(0, at + 1) + text.slice(at), description: `duplicate char ${JSON.stringify(text[at])} at ${at}` };
    case 'delete-line':
      return { text: text.slice(0, ls) + text.slice(le), description: `delete line ${line}` };
    case 'duplicate-line':
      return { text: text.slice(0, le) + text.slice(ls, le) + text.slice(le), description: `duplicate line ${line}` };
    case 'insert-open': {
      const b = '([{'[op.extra % 3];
      return { text: text.slice(0, at) + b + text.slice(at), description: `insert ${b} at ${at}` };
    }
    case 'insert-close': {
      const b = ')]}'[op.extra % 3];
      return { text: text.slice(0, at) + b + text.slice(at), description: `insert ${b} at ${at}` };
    }
    case 'insert-quote': {
      const q = ['"', "'", '"""'][op.extra % 3];
      return { text: text.slice(0, at) + q + text.slice(at), description: `insert ${q} at ${at}` };
    }
    case 'indent-line': {
      const n = 1 + (op.extra % 4);
      return { text: text.slice(0, ls) + ' '.repeat(n) + text.slice(ls), description: `indent line ${line} by ${n}` };
    }
    case 'dedent-line': {
      const n = 1 + (op.extra % 4);
      let cut = 0;
      while (cut < n && (text[ls + cut] === ' ' || text[ls + cut] === '\t')) cut++;
      return { text: text.slice(0, ls) + text.slice(ls + cut), description: `dedent line ${line} by ${cut}` };
    }
    case 'tab-indent':
      return { text: text.slice(0, ls) + '\t' + text.slice(ls), description: `tab before line ${line}` };
    case 'truncate':
      return { text: text.slice(0, at), description: `truncate at ${at}` };
    case 'delete-comma':
    case 'delete-colon': {
      const i = nthOf(text, op.kind === 'delete-comma' ? ',' : ':', op.extra);
      if (i < 0) return { text, description: 'unchanged' };
      return { text: text.slice(0, i) + text.slice(i + 1), description: `${op.kind} at ${i}` };
    }
    case 'prefix-calls':
      return { text: 'x('.repeat(1 + (op.extra % 12)) + text, description: `prefix x( × ${1 + (op.extra % 12)}` };
    default:
      return { text, description: 'unchanged' };
  }
}

/** `count` mutations of `sources`, one to three edits each, from a fixed seed. */
export function mutations(sources: readonly string[], count: number, seed: number): Mutation[] {
  const op = fc.record({ kind: fc.constantFrom(...KINDS), at: fc.nat(), extra: fc.nat(1000) });
  const arb = fc.record({ file: fc.nat(sources.length - 1), ops: fc.array(op, { minLength: 1, maxLength: 3 }) });
  return fc.sample(arb, { seed, numRuns: count }).map(({ file, ops }) => {
    let text = sources[file];
    const steps: string[] = [];
    for (const o of ops) {
      const r = applyMutation(text, o);
      text = r.text;
      steps.push(r.description);
    }
    return { file, description: steps.join('; '), text };
  });
}
