/**
 * The module-level statements of an open script and what each gave its model (the modules it imports, the argparse
 * options it declares), kept from one version to the next: after an edit only the statements around it are looked
 * up in the new tree and read again, so typing in a 2,000-line script costs about one statement, not 1,500.
 *
 * Only for texts without a syntax error (CPython's check; the caller asks only then): a valid text parses without
 * error recovery, and then
 *  - before the edit: every statement ending before the last statement that ends before the edit is unchanged (its
 *    tokens and the token after it are), so the list is kept up to there and looked up again from that statement
 *    (whose extent the edit may change: `if …:` gains an `else:`);
 *  - after the edit: once the new tree has a statement of the same type and length where an old one starts, on a
 *    line after the edit, the parse from there on is the old one shifted (same state, same text), so the rest of
 *    the list is kept, shifted.
 * A statement's entry is kept only when the statement lies wholly outside the changed region (strictly: an edit
 * touching either end may extend it), has the same type and length, starts at the same column, and held no lezer
 * error node when it was read; what it gave is then a function of its text alone (lines shifted). Anything else is
 * read again from the tree.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { LineIndex } from './lineIndex';
import type { ArgOption, Span } from './types';

/** What one module-level statement gave, kept while its text and place in the tree stay. */
export interface StatementEntry {
  length: number;
  typeId: number;
  column: number;
  /** The 0-based line the statement started on when `options` was read (their spans are for that line). */
  line: number;
  /** The modules the statement imports (importedModules' share of it). */
  imports: readonly string[];
  /**
   * The options the statement declares, in order, when every model call in it is an `add_argument` whose option
   * is a function of its call's text alone; null when something in it must be read again each version; undefined
   * until the gem5 model asked.
   */
  options?: readonly ArgOption[] | null;
  /**
   * What the occurrences of argparse parser names inside the statement are (optionSet.ts), by their offset in the
   * statement: null for no argument of a call, else the call (its start relative to the statement's).
   */
  parserArguments?: Map<number, { callee: string | null; calleeText: string; callFrom: number } | null>;
}

/** One top-level node of a version, with its entry (null when it has none: read again each version). */
export interface Statement {
  readonly from: number;
  readonly to: number;
  readonly typeId: number;
  /** A Comment, ':' or error marker (importedModules skips those; they never get an entry). */
  readonly skipped: boolean;
  /** An error marker: the only skipped node that may hold model calls (a Comment or ':' holds none). */
  readonly error: boolean;
  entry: StatementEntry | null;
}

/** The region changed since the list was made: old [from, oldTo) became new [from, newTo). */
interface Changed {
  from: number;
  oldTo: number;
  newTo: number;
}

export class StatementCache {
  /** Every top-level node of the version the list was committed for, in order. */
  private list: Statement[] | null = null;
  private changed: Changed | null = null;
  /** For tests: the top-level nodes the last pass looked up in its tree, and those it took from the list unseen. */
  lastLookedUp = 0;
  lastTaken = 0;

  /** An edit applied to the text (offsets as when it applies): widens the changed region. */
  edited(from: number, to: number, insertLength: number): void {
    const c = this.changed;
    const delta = insertLength - (to - from);
    if (!c) {
      this.changed = { from, oldTo: to, newTo: to + delta };
      return;
    }
    // In current coordinates the changed region is [c.from, c.newTo); an edit reaching past its end pushes the end
    // out by as much in the old text too.
    this.changed = { from: Math.min(c.from, from), oldTo: c.oldTo + Math.max(0, to - c.newTo), newTo: Math.max(c.newTo, to) + delta };
  }

  /** The whole text was replaced: nothing is kept. */
  reset(): void {
    this.list = null;
    this.changed = null;
  }

  /**
   * The top-level statements of `tree` (of `text`, which has no syntax error), with the entries still valid.
   * The pass's `commit` makes them the list the next version starts from.
   */
  begin(tree: Tree, text: string, lines: LineIndex): StatementPass {
    const old = this.list;
    const c = this.changed;
    let statements: Statement[];
    let lookedUp = 0;
    const window = old && c ? this.around(old, c, tree, lines) : null;
    if (window) {
      statements = window.statements;
      lookedUp = window.lookedUp;
    } else if (old && !c) {
      statements = old;
    } else {
      statements = [];
      for (let n = tree.topNode.firstChild; n; n = n.nextSibling) statements.push(fresh(n, null));
      lookedUp = statements.length;
    }
    this.lastLookedUp = lookedUp;
    this.lastTaken = statements.length - lookedUp;
    return new StatementPass(this, tree, statements, lines);
  }

  /**
   * The new list from the old one: kept up to the last real statement ending before the change, looked up in the
   * tree from there to the sync point, kept (shifted) after it. Null when the tree does not have a node where the
   * lookup starts (then every node is looked up).
   */
  private around(old: Statement[], c: Changed, tree: Tree, lines: LineIndex): { statements: Statement[]; lookedUp: number } | null {
    const delta = c.newTo - c.oldTo;
    // Kept before the edit: the nodes before the last real statement that ends before it.
    let last = lastEndingBefore(old, c.from);
    while (last >= 0 && old[last].skipped) last--;
    const statements = old.slice(0, Math.max(0, last));
    const from = last >= 0 ? old[last].from : 0;
    const first = from === 0 ? tree.topNode.firstChild : tree.topNode.childAfter(from);
    if (from > 0 && (!first || first.from !== from)) return null;
    let lookedUp = 0;
    // Old nodes after the edit, for the sync point and for entries.
    let j = Math.max(0, last);
    const oldAt = (start: number): Statement | null => {
      while (j < old.length && old[j].from < start) j++;
      return j < old.length && old[j].from === start ? old[j] : null;
    };
    const changedLine = lines.positionAt(c.newTo).line;
    for (let n = first; n; n = n.nextSibling) {
      lookedUp++;
      const before = n.to < c.from;
      const after = n.from > c.newTo;
      const prev = before ? oldAt(n.from) : after ? oldAt(n.from - delta) : null;
      const same = prev !== null && prev.typeId === n.type.id && prev.to - prev.from === n.to - n.from;
      if (same && after && !prev.skipped && lines.positionAt(n.from).line > changedLine) {
        // The sync point: from here on the parse is the old one, shifted.
        for (let k = j; k < old.length; k++) statements.push(delta ? shifted(old[k], delta) : old[k]);
        break;
      }
      const entry = same && prev.entry && (before || prev.entry.column === lines.positionAt(n.from).character) ? prev.entry : null;
      statements.push(fresh(n, entry));
    }
    return { statements, lookedUp };
  }

  /** @internal The statements of a finished pass. */
  commit(list: Statement[]): void {
    this.list = list;
    this.changed = null;
  }
}

/** The index of the last node of `list` (in order, not overlapping) that ends before `pos`, or -1. */
function lastEndingBefore(list: readonly Statement[], pos: number): number {
  let lo = -1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].to < pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function fresh(n: SyntaxNode, entry: StatementEntry | null): Statement {
  const type = n.type;
  return { from: n.from, to: n.to, typeId: type.id, skipped: type.isError || type.name === 'Comment' || type.name === ':', error: type.isError, entry };
}

function shifted(st: Statement, delta: number): Statement {
  return { from: st.from + delta, to: st.to + delta, typeId: st.typeId, skipped: st.skipped, error: st.error, entry: st.entry };
}

/** The statement list does not fit the tree (a bug): the caller reads the whole tree instead. */
export class StatementMismatch extends Error {
  constructor(at: number) {
    super(`no top-level node at ${at}`);
  }
}

/** One version's statements: entries kept or read again, committed once the model is built. */
export class StatementPass {
  constructor(
    private readonly cache: StatementCache,
    private readonly tree: Tree,
    readonly statements: readonly Statement[],
    private readonly lines: LineIndex,
  ) {}

  /** The syntax node of a statement of this version. */
  nodeOf(st: Statement): SyntaxNode {
    const n = this.tree.topNode.childAfter(st.from);
    if (!n || n.from !== st.from || n.type.id !== st.typeId) throw new StatementMismatch(st.from);
    return n;
  }

  /** Records a new entry for `st`, read from this version. */
  store(st: Statement, imports: readonly string[]): void {
    const at = this.lines.positionAt(st.from);
    st.entry = { length: st.to - st.from, typeId: st.typeId, column: at.character, line: at.line, imports };
  }

  /** The kept options of `st`'s entry for its line in this version (moved when lines above it came or went). */
  optionsAt(st: Statement): readonly ArgOption[] | null | undefined {
    const e = st.entry;
    if (!e || !e.options?.length) return e?.options;
    const line = this.lines.positionAt(st.from).line;
    if (line === e.line) return e.options;
    const moved = e.options.map((o) => shiftOption(o, line - e.line));
    e.options = moved;
    e.line = line;
    return moved;
  }

  /** The options `st` declares in this version, all functions of its text: kept for the next versions. */
  setOptions(st: Statement, options: readonly ArgOption[] | null): void {
    if (!st.entry) return;
    st.entry.options = options;
    st.entry.line = this.lines.positionAt(st.from).line;
  }

  commit(): void {
    this.cache.commit(this.statements as Statement[]);
  }
}

function shiftSpan(s: Span, lines: number): Span {
  return { start: { line: s.start.line + lines, character: s.start.character }, end: { line: s.end.line + lines, character: s.end.character } };
}

function shiftOption(o: ArgOption, lines: number): ArgOption {
  return { ...o, span: shiftSpan(o.span, lines), flagSpans: o.flagSpans.map((s) => shiftSpan(s, lines)) };
}

/** True when a lezer error node lies inside `node` (a walk over its subtree: for the statements read again only). */
export function hasErrorNode(node: SyntaxNode): boolean {
  const c = node.cursor();
  do {
    if (c.type.isError) return true;
  } while (c.next() && c.from < node.to);
  return false;
}
